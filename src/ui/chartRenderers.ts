// Each chart box's current draw call (its chart function with its latest data), so that an export can
// draw the same chart again into a box of another size.
import type { Size } from '../charts/frame';

export type ChartRenderer = (container: HTMLElement, size: Size) => void;

export const chartRenderers = new WeakMap<HTMLElement, ChartRenderer>();
