import { BUILD_ID, FIGURES_URL } from 'virtual:recur-build-time-figures';
import type { BuildTimeFigures } from '../notebook/buildTimeFigures';

/** The demo's figures this build computed (see notebook/buildTimeFigures.ts), or null: none in this build, not reachable, or not this build's. */
export async function fetchBuildTimeFigures(url: string | null = FIGURES_URL, build: string | null = BUILD_ID): Promise<BuildTimeFigures | null> {
  if (!url || !build) return null;
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const figures = (await response.json()) as BuildTimeFigures;
    return figures.format === 1 && figures.app === build ? figures : null;
  } catch {
    // Offline before the asset was ever cached: the engine's own run shows the figures.
    return null;
  }
}
