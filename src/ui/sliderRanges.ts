// Slider travel for the numeric keys, read from the schema (its `slider` range and `log` flag): the
// schema's min/max are what the engine accepts (and the number box next to each slider takes all of
// it); the slider covers the range worth exploring.
import { SCHEMA, type ConfigKey, type KeySpec } from '../state/schema';

export interface SliderRange {
  min: number;
  max: number;
  log?: boolean;
  step?: number;
}

/** The slider of `key`, or undefined for a key without one. */
export function sliderRange(key: ConfigKey): SliderRange | undefined {
  const spec: KeySpec = SCHEMA[key];
  return spec.slider && { ...spec.slider, ...(spec.log ? { log: true } : {}) };
}

/** Slider position (0..1000) ↔ value. */
export const SLIDER_STEPS = 1000;

export function toSlider(range: SliderRange, value: number): number {
  const v = Math.min(range.max, Math.max(range.min, value));
  const u = range.log
    ? Math.log(v / range.min) / Math.log(range.max / range.min)
    : (v - range.min) / (range.max - range.min);
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
