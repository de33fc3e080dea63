import type { ModelSteps } from '../engine/api';
import { ltvPredictiveStep } from './ltvPredictive/step';
import { LTV_PREDICTIVE } from './ltvPredictive/recipe';

/**
 * The model recipes' steps by recipe id: what an engine is composed with
 * (`workers/engine.worker.ts`, the headless runner) so `runModelStep` can run them.
 * Kept apart from `modelRecipes.ts`: the page never runs a step, it asks the engine.
 */
export const MODEL_STEPS: ModelSteps = {
  [LTV_PREDICTIVE.id]: ltvPredictiveStep,
};
