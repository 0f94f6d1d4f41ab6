// Label placement by priority: each label, most important first, takes the first of its candidate
// positions that stays inside the bounds and clears every obstacle (marks) and every label placed
// before it; a label with no free position is left out rather than drawn over something.
import { inside, intersects, type Box } from './box';

export interface LabelCandidate<T = unknown> {
  /** higher first */
  priority: number;
  /** positions to try, best first */
  options: Box[];
  item: T;
}

export interface PlacedLabel<T = unknown> {
  item: T;
  box: Box;
  option: number;
}

export function placeLabels<T>(
  labels: LabelCandidate<T>[],
  obstacles: readonly Box[],
  bounds: Box,
  gap = 1,
): { placed: PlacedLabel<T>[]; dropped: T[] } {
  const order = labels.map((l, i) => ({ l, i })).sort((a, b) => b.l.priority - a.l.priority || a.i - b.i);
  const taken: Box[] = [];
  const placed: PlacedLabel<T>[] = [];
  const dropped: T[] = [];
  for (const { l } of order) {
    const option = l.options.findIndex(
      (box) =>
        inside(box, bounds) &&
        !obstacles.some((o) => intersects(box, o)) &&
        !taken.some((o) => intersects(box, o, gap)),
    );
    if (option < 0) {
      dropped.push(l.item);
      continue;
    }
    taken.push(l.options[option]);
    placed.push({ item: l.item, box: l.options[option], option });
  }
  return { placed, dropped };
}

/** Boxes around the points of a polyline (in the same coordinates), for labels to keep clear of it. */
export function polylineObstacles(points: readonly [number, number][], halfWidth: number, step = 6): Box[] {
  const out: Box[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    if (!Number.isFinite(x0) || !Number.isFinite(y0)) continue;
    out.push({ x: x0 - halfWidth, y: y0 - halfWidth, width: 2 * halfWidth, height: 2 * halfWidth });
    const next = points[i + 1];
    if (!next || !Number.isFinite(next[0]) || !Number.isFinite(next[1])) continue;
    const n = Math.floor(Math.hypot(next[0] - x0, next[1] - y0) / step);
    for (let k = 1; k <= n; k++) {
      const x = x0 + ((next[0] - x0) * k) / (n + 1);
      const y = y0 + ((next[1] - y0) * k) / (n + 1);
      out.push({ x: x - halfWidth, y: y - halfWidth, width: 2 * halfWidth, height: 2 * halfWidth });
    }
  }
  return out;
}

/** Eight positions around an anchor point (right, above-right, …) for a label of the given size. */
export function aroundPoint(x: number, y: number, width: number, height: number, offset: number): Box[] {
  return [
    { x: x + offset, y: y - height / 2, width, height },
    { x: x + offset, y: y - offset - height, width, height },
    { x: x + offset, y: y + offset, width, height },
    { x: x - offset - width, y: y - height / 2, width, height },
    { x: x - offset - width, y: y - offset - height, width, height },
    { x: x - offset - width, y: y + offset, width, height },
    { x: x - width / 2, y: y - offset - height, width, height },
    { x: x - width / 2, y: y + offset, width, height },
  ];
}

/** aroundPoint at growing distances: near the mark first, then further out where paths crowd it. */
export function ringsAroundPoint(
  x: number,
  y: number,
  width: number,
  height: number,
  offset: number,
  rings: readonly number[] = [1, 2, 3.5],
): Box[] {
  return rings.flatMap((k) => aroundPoint(x, y, width, height, offset * k));
}
