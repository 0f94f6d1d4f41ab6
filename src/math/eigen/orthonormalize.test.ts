import { expect, it } from 'vitest';
import { orthonormalizeRows } from './orthonormalize';
import { makeRng } from './random';
import { adaptiveDegree } from './chebyshev';

function gramError(x: Float64Array, n: number, dim: number, y = x, m = n, identity = true): number {
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) {
      let s = 0;
      for (let t = 0; t < dim; t++) s += x[i * dim + t] * y[k * dim + t];
      e = Math.max(e, Math.abs(s - (identity && i === k ? 1 : 0)));
    }
  return e;
}

it('orthonormalises, replaces dependent rows deterministically, respects a locked set', () => {
  const dim = 50;
  const rng = makeRng(1, 0);
  const locked = new Float64Array(2 * dim);
  for (let i = 0; i < locked.length; i++) locked[i] = rng.normal();
  orthonormalizeRows(locked, 2, dim, { rng });
  expect(gramError(locked, 2, dim)).toBeLessThan(1e-14);

  const x = new Float64Array(5 * dim);
  for (let i = 0; i < dim; i++) {
    x[i] = rng.normal();
    x[dim + i] = 3 * x[i]; // dependent on row 0
    x[2 * dim + i] = locked[i] + 1e-14 * rng.normal(); // inside the locked span (numerically)
    x[3 * dim + i] = 1e6 * rng.normal(); // large scale is fine
    // row 4 stays zero
  }
  const y = Float64Array.from(x);
  const replaced = orthonormalizeRows(x, 5, dim, { rng: makeRng(9, 9), locked, lockedCount: 2 });
  expect(replaced).toBe(3);
  expect(gramError(x, 5, dim)).toBeLessThan(1e-13);
  expect(gramError(x, 5, dim, locked, 2, false)).toBeLessThan(1e-13);
  // deterministic replacement
  orthonormalizeRows(y, 5, dim, { rng: makeRng(9, 9), locked, lockedCount: 2 });
  expect(Array.from(y)).toEqual(Array.from(x));
  // without an rng a dependent row is an error, not silent garbage
  expect(() => orthonormalizeRows(new Float64Array(2 * dim), 2, dim)).toThrow(/dependent/);
});

it('adaptive Chebyshev degree: grows as the gap closes, respects bounds', () => {
  expect(adaptiveDegree(3, 1e3, 2, 12)).toBeLessThan(adaptiveDegree(1.05, 1e3, 2, 12));
  expect(adaptiveDegree(1.0001, 1e6, 2, 12)).toBe(12);
  expect(adaptiveDegree(50, 1.1, 2, 12)).toBe(2);
  // T_m(t) ≥ need for the chosen m (unless capped)
  const m = adaptiveDegree(1.2, 100, 1, 40);
  expect(Math.cosh(m * Math.acosh(1.2))).toBeGreaterThanOrEqual(200);
  expect(Math.cosh((m - 1) * Math.acosh(1.2))).toBeLessThan(200);
});
