/**
 * The charts' look in one place: a calm palette around the app's teal accent,
 * and the font and sizes every chart shares. Colours are plain hex strings so
 * they survive an SVG export with no stylesheet.
 */

/** The app's accent: the main series, bars and dots. */
export const ACCENT = '#0f766e';
/** A light tint of the accent, for secondary bars and bands. */
export const ACCENT_SOFT = '#99d6cf';
/** Errors and messages that say something went wrong. */
export const ERROR = '#b42318';
/** A warm contrast for a second series (churn, detractors). */
export const WARM = '#c2410c';
/** Body text. */
export const INK = '#1f2937';
/** Secondary text, benchmark rules and notes. */
export const MUTED = '#6b7280';
/** Hairlines, empty cells and neutral bands. */
export const LIGHT = '#e5e7eb';
/** The page behind a chart (hollow dots are filled with it). */
export const PAPER = '#ffffff';
/** Neutral middle category (passives). */
export const NEUTRAL = '#cbd5e1';

/** Categorical colours, accent first; none is the error red. */
export const PALETTE: readonly string[] = [
  '#0f766e',
  '#d97706',
  '#4f46e5',
  '#0284c7',
  '#a21caf',
  '#4d7c0f',
  '#64748b',
  '#9a3412',
  '#14b8a6',
  '#b45309',
];

/** Sequential ramp for heat-maps: near white to deep teal. */
export const SEQUENTIAL: readonly [string, string] = ['#f0fdfa', '#0b4f4a'];

/** The chart font: the platform's UI font. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Axis and label size in px. */
export const FONT_SIZE = 11;

/** The width used when the caller's is missing or not a positive number. */
export const DEFAULT_WIDTH = 640;
/** Narrower than this and axes stop making sense; charts are drawn at least this wide. */
export const MIN_WIDTH = 240;

/** Plot's inline `style` for every chart, so an exported SVG looks the same without the app's CSS. */
export const PLOT_STYLE = {
  fontFamily: FONT_FAMILY,
  fontSize: `${FONT_SIZE}px`,
  color: INK,
  background: PAPER,
  overflow: 'visible',
} as const;

/** Text colour that stays readable on a fill of the sequential ramp at position `t` (0–1). */
export function inkOn(t: number): string {
  return t > 0.55 ? PAPER : INK;
}

/** The colour `t` (0–1) of the way from hex colour `a` to `b`, mixed in RGB. */
export function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const k = Math.min(1, Math.max(0, t));
  let out = '#';
  for (let i = 0; i < 3; i++) out += Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * k).toString(16).padStart(2, '0');
  return out;
}
