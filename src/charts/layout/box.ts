// Axis-aligned boxes of labels and marks, in one coordinate system (a chart's plotting area).
import { LINE, type TextMeasure } from './measure';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Anchor = 'start' | 'middle' | 'end';

export function intersects(a: Box, b: Box, pad = 0): boolean {
  return (
    a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad
  );
}

export function inside(inner: Box, outer: Box, tolerance = 0.5): boolean {
  return (
    inner.x >= outer.x - tolerance &&
    inner.y >= outer.y - tolerance &&
    inner.x + inner.width <= outer.x + outer.width + tolerance &&
    inner.y + inner.height <= outer.y + outer.height + tolerance
  );
}

export function containsPoint(b: Box, x: number, y: number): boolean {
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
}

/** The box of a one-line text whose baseline starts (anchor) at (x, y). */
export function textBox(
  text: string,
  x: number,
  y: number,
  fontSize: number,
  anchor: Anchor,
  measure: TextMeasure,
): Box {
  const width = measure(text, fontSize);
  const left = anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width;
  return { x: left, y: y - LINE.ascent * fontSize, width, height: (LINE.ascent + LINE.descent) * fontSize };
}

/** A box of the given size centred on a point (markers, dots). */
export function pointBox(x: number, y: number, radius: number): Box {
  return { x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius };
}
