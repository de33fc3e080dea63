declare module 'virtual:recur-build-time-figures' {
  /** The demo's figures computed by this build (see scripts/buildTimeFiguresPlugin.ts); null outside a build. */
  export const FIGURES_URL: string | null;
  /** This build's id, which the figures name. */
  export const BUILD_ID: string | null;
}
