import { getContext, setContext } from 'svelte';

const KEY = Symbol('report-mode');

/** Tells every component below whether the notebook shows as a report (and prints as one): results only, laid out for a page. */
export function setReportMode(on: () => boolean): void {
  setContext(KEY, on);
}

/** Whether the report view is on; false where no provider is above (a component test). */
export function getReportMode(): () => boolean {
  return getContext<(() => boolean) | undefined>(KEY) ?? (() => false);
}
