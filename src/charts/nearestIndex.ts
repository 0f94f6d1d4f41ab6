// The nearest-sample lookup behind the projection chart's tooltip: a Delaunay triangulation, in its own
// module so that it loads with the first hover rather than with the page.
import { Delaunay } from 'd3';

/** Index of the point nearest (px, py) among n points at (x(i), y(i)); -1 where there are none. */
export function nearestIndex(
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
): (px: number, py: number) => number {
  if (n === 0) return () => -1;
  const delaunay = Delaunay.from(
    Array.from({ length: n }, (_, i) => i),
    x,
    y,
  );
  return (px, py) => delaunay.find(px, py);
}
