// Tick values whose labels never overprint: candidates from the scale (1-2-5 on log axes), then a
// greedy pass keeps the most important ones (powers of ten first on a log axis, then 5s, then 2s;
// on a linear axis every other one) while their label boxes stay apart.
import type { TextMeasure } from './measure';
import { LINE } from './measure';

export interface TickScale {
  (value: number): number;
  ticks(count?: number): number[];
}

function logRank(v: number): number {
  const mantissa = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return mantissa === 1 ? 3 : mantissa === 5 ? 2 : mantissa === 2 ? 1 : 0;
}

/**
 * Keeps ticks whose labels, laid along the axis (`along`: 'x' uses widths, 'y' line heights), are at
 * least `gap` px apart. Returns the kept values in ascending order.
 */
export function thinTicks(
  values: number[],
  position: (v: number) => number,
  label: (v: number) => string,
  fontSize: number,
  measure: TextMeasure,
  along: 'x' | 'y',
  log: boolean,
  gap: number,
): number[] {
  const extent = (v: number) => (along === 'x' ? measure(label(v), fontSize) : LINE.height * fontSize);
  const order = values
    .map((v, i) => ({ v, i, rank: log ? logRank(v) : i % 2 === 0 ? 1 : 0 }))
    .sort((a, b) => b.rank - a.rank || a.i - b.i);
  const kept: { lo: number; hi: number; v: number }[] = [];
  for (const { v } of order) {
    const p = position(v);
    if (!Number.isFinite(p)) continue;
    const half = extent(v) / 2;
    const lo = p - half;
    const hi = p + half;
    if (kept.some((k) => lo < k.hi + gap && k.lo < hi + gap)) continue;
    kept.push({ lo, hi, v });
  }
  return kept.map((k) => k.v).sort((a, b) => a - b);
}

/** Tick candidates: the axis length decides the count; `logValues` (1-2-5) replace d3's on log axes. */
export function candidateTicks(scale: TickScale, lengthPx: number, spacingPx: number, logValues?: number[]): number[] {
  if (logValues) return logValues;
  // d3 may answer a small count with a single tick (a step of 5 over [−3, 2]): ask for more until there are three
  let count = Math.max(2, Math.floor(lengthPx / spacingPx));
  let ticks = scale.ticks(count);
  while (ticks.length < 3 && count < 12) ticks = scale.ticks(++count);
  return ticks;
}

/**
 * Drops the y ticks whose labels would meet an x tick label in the corner where the axes meet
 * (x labels under the plot, centred on their ticks; y labels left of it, centred on theirs).
 */
export function clearCorner(
  yTicks: number[],
  y: (v: number) => number,
  xTicks: number[],
  x: (v: number) => number,
  plotHeight: number,
  label: (v: number) => string,
  fontSize: number,
  measure: TextMeasure,
  tickPadding: number,
): number[] {
  const line = LINE.height * fontSize;
  const xBoxes = xTicks.map((v) => {
    const w = measure(label(v), fontSize);
    return { x0: x(v) - w / 2, x1: x(v) + w / 2, y0: plotHeight + tickPadding, y1: plotHeight + tickPadding + line };
  });
  return yTicks.filter((v) => {
    const w = measure(label(v), fontSize);
    const box = { x0: -tickPadding - w, x1: -tickPadding, y0: y(v) - line / 2, y1: y(v) + line / 2 };
    return !xBoxes.some((b) => box.x0 < b.x1 && b.x0 < box.x1 && box.y0 < b.y1 && b.y0 < box.y1);
  });
}
