import { LTV_PREDICTIVE } from './ltvPredictive/recipe';
import type { ModelRecipe } from './types';

/**
 * The model recipes, in the order a notebook offers them (after the SQL recipes).
 * Register a new one here, and its step in `modelSteps.ts`.
 */
export const MODEL_RECIPES: readonly ModelRecipe[] = [LTV_PREDICTIVE];

/** The model recipe with this id, if there is one. */
export function findModelRecipe(id: string | undefined): ModelRecipe | undefined {
  return id === undefined ? undefined : MODEL_RECIPES.find((recipe) => recipe.id === id);
}
