// Compact mode: below this box size (in the light theme's 11 px type, scaled with the theme's type)
// a chart drops what it can live without: fewer ticks, at most two legend rows, one-line titles; the spectrum
// panel folds its density into edge marks beside the spectrum.
import type { Size } from '../frame';
import type { Theme } from '../theme';

/** Below either dimension (px at 11 px type) a chart is compact. */
export const COMPACT_BELOW = { width: 420, height: 250 } as const;
/** The spectrum row (spectrum + density) folds the density into edge marks below this width (px at 11 px type). */
export const DENSITY_FOLD_BELOW = 520;

const scale = (t: Theme) => t.fontSize / 11;

export function isCompact(size: Size, t: Theme): boolean {
  return size.width < COMPACT_BELOW.width * scale(t) || size.height < COMPACT_BELOW.height * scale(t);
}

export function foldsDensity(rowWidth: number, t: Theme): boolean {
  return rowWidth < DENSITY_FOLD_BELOW * scale(t);
}
