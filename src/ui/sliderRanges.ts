// Slider travel for the numeric keys: the schema's ranges are what the engine accepts (and the
// number box next to each slider takes all of it); the slider covers the range worth exploring.
import type { ConfigKey } from '../state/schema';

export interface SliderRange {
  min: number;
  max: number;
  log?: boolean;
  step?: number;
}

export const SLIDER_RANGES: Partial<Record<ConfigKey, SliderRange>> = {
  d: { min: 10, max: 2000, log: true },
  k: { min: 2, max: 20 },
  K: { min: 1, max: 64, log: true },
  lambda: { min: 0.1, max: 10000, log: true },
  overlap: { min: -0.3, max: 0.9, step: 0.01 },
  beta: { min: 0, max: 1, step: 0.005 },
  cdelta: { min: 0.01, max: 10, log: true },
  batch: { min: 1, max: 256, log: true },
  phi: { min: 0.5, max: 10, step: 0.1 },
  T: { min: 0.5, max: 200, log: true },
  every: { min: 10, max: 20000, log: true },
  topj: { min: 0, max: 20 },
  tol: { min: 1e-6, max: 1e-2, log: true },
};

/** Slider position (0..1000) ↔ value. */
export const SLIDER_STEPS = 1000;

export function toSlider(range: SliderRange, value: number): number {
  const v = Math.min(range.max, Math.max(range.min, value));
  const u = range.log ? Math.log(v / range.min) / Math.log(range.max / range.min) : (v - range.min) / (range.max - range.min);
  return Math.round(u * SLIDER_STEPS);
}

export function fromSlider(range: SliderRange, position: number, integer: boolean): number {
  const u = position / SLIDER_STEPS;
  let v = range.log ? range.min * (range.max / range.min) ** u : range.min + u * (range.max - range.min);
  if (integer) return Math.round(v);
  // 3 significant digits for log keys, the step for linear ones.
  if (range.log) return Number(v.toPrecision(3));
  const step = range.step ?? (range.max - range.min) / SLIDER_STEPS;
  v = Math.round(v / step) * step;
  return Number(v.toFixed(6));
}
