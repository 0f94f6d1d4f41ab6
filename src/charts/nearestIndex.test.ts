import { describe, expect, it } from 'vitest';
import { nearestIndex } from './nearestIndex';

describe('nearestIndex', () => {
  it('finds the point nearest to a position, the same as a brute-force search', () => {
    const xs = [0, 10, 3, 7, -4, 12, 5];
    const ys = [0, 2, 8, -6, 5, 11, 1];
    const nearest = nearestIndex(
      xs.length,
      (i) => xs[i],
      (i) => ys[i],
    );
    for (const [px, py] of [
      [0.4, -0.2],
      [9, 3],
      [2, 9],
      [6, -5],
      [-10, 10],
      [20, 20],
      [5.2, 1.1],
    ]) {
      const brute = xs
        .map((x, i) => Math.hypot(x - px, ys[i] - py))
        .reduce((best, d, i, all) => (d < all[best] ? i : best), 0);
      expect(nearest(px, py)).toBe(brute);
    }
  });

  it('gives -1 where there are no points', () => {
    expect(
      nearestIndex(
        0,
        () => 0,
        () => 0,
      )(1, 1),
    ).toBe(-1);
  });
});
