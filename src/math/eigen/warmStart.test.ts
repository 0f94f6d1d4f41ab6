// Warm starts: one SGD checkpoint later the matrix has moved a little; the previous eigenvectors must
// make the next solve strictly cheaper, and exact eigenvectors must be accepted after ONE call.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { solve, type SolverKind } from './index';
import { makeRng } from './random';
import { addScaled, denseBatchApply, maxRelativeError, outlierCase, randomSymmetric } from './testMatrices';
import { blockSize } from './blockCommon';

const TOL = 1e-4;
const EPS = 1e-3;

describe.each(['k10top4', 'k4', 'indefinite'] as const)('warm start on %s', (caseName) => {
  const c = outlierCase(caseName);
  const refA = symmetricEigen(c.a, c.dim);
  const normA = Math.max(Math.abs(refA.values[0]), Math.abs(refA.values[c.dim - 1]));
  const e = randomSymmetric(c.dim, makeRng(42, 0));
  const eVals = symmetricEigen(e, c.dim).values;
  const normE = Math.max(Math.abs(eVals[0]), Math.abs(eVals[c.dim - 1]));
  // A' = A + ε‖A‖ E/‖E‖ (spectral norms)
  const a2 = addScaled(c.a, e, (EPS * normA) / normE);
  const ref2 = symmetricEigen(a2, c.dim);
  const problem = { dim: c.dim, j: c.j, lower: c.lower };

  it.each(['krylov', 'chebyshev', 'subspace', 'power'] as SolverKind[])(
    '%s: warm from the previous checkpoint is cheaper than cold',
    async (kind) => {
      const first = await solve(kind, [problem], denseBatchApply([c.a], [c.dim]).apply, { tol: TOL, seed: 1 });
      const cold = await solve(kind, [problem], denseBatchApply([a2], [c.dim]).apply, { tol: TOL, seed: 2 });
      const warmProblem = { ...problem, warm: first[0].vectors, warmCount: c.j };
      const warm = await solve(kind, [warmProblem], denseBatchApply([a2], [c.dim]).apply, { tol: TOL, seed: 2 });
      for (const r of [cold[0], warm[0]]) {
        expect(r.converged).toEqual(Array(c.j).fill(true));
        expect(maxRelativeError(r.values, ref2.values)).toBeLessThan(1e-4);
      }
      expect(warm[0].applications).toBeLessThan(cold[0].applications);
      console.log(
        `[${caseName}] ${kind}: cold applications=${cold[0].applications} (iterations ${cold[0].iterations}) | warm applications=${warm[0].applications} (iterations ${warm[0].iterations})`,
      );
    },
  );

  it.each(['chebyshev', 'subspace'] as SolverKind[])('%s: exact warm vectors converge after one call', async (kind) => {
    const { apply, calls } = denseBatchApply([c.a], [c.dim]);
    const warmProblem = { ...problem, warm: refA.vectors.slice(0, c.j * c.dim), warmCount: c.j };
    const [r] = await solve(kind, [warmProblem], apply, { tol: TOL, seed: 3 });
    expect(calls).toHaveLength(1);
    expect(r.iterations).toBe(1);
    expect(r.applications).toBe(blockSize(problem));
    expect(r.converged).toEqual(Array(c.j).fill(true));
  });

  it('power: exact warm vectors cost two calls per pair (the eigenvalue-change test needs two values)', async () => {
    const { apply, calls } = denseBatchApply([c.a], [c.dim]);
    const warmProblem = { ...problem, warm: refA.vectors.slice(0, c.j * c.dim), warmCount: c.j };
    const [r] = await solve('power', [warmProblem], apply, { tol: TOL, seed: 3 });
    expect(calls).toHaveLength(2 * c.j);
    expect(r.applications).toBe(2 * c.j);
    expect(r.converged).toEqual(Array(c.j).fill(true));
  });
});

describe('krylov warm start', () => {
  it.each(['k10top4', 'k4', 'indefinite'] as const)(
    '%s: exact warm vectors converge after one call of j rows (no guard rows)',
    async (caseName) => {
      const c = outlierCase(caseName);
      const refA = symmetricEigen(c.a, c.dim);
      const { apply, calls } = denseBatchApply([c.a], [c.dim]);
      const warmProblem = {
        dim: c.dim,
        j: c.j,
        lower: c.lower,
        warm: refA.vectors.slice(0, c.j * c.dim),
        warmCount: c.j,
      };
      const [r] = await solve('krylov', [warmProblem], apply, { tol: TOL, seed: 3 });
      expect(calls).toEqual([[c.j]]);
      expect(r.applications).toBe(c.j);
      expect(r.converged).toEqual(Array(c.j).fill(true));
      expect(maxRelativeError(r.values, refA.values)).toBeLessThan(1e-6);
    },
  );
});

describe('krylov start block', () => {
  it('dependent warm rows (a row repeated): redrawn, the first block is orthonormal and the solve exact', async () => {
    const c = outlierCase('k10top4');
    const refA = symmetricEigen(c.a, c.dim);
    const u = refA.vectors.slice(0, c.j * c.dim);
    const warm = new Float64Array(c.j * c.dim);
    warm.set(u.subarray(0, (c.j - 1) * c.dim));
    warm.set(u.subarray(0, c.dim), (c.j - 1) * c.dim); // the last row repeats the first
    const sent: Float64Array[] = [];
    const { apply } = denseBatchApply([c.a], [c.dim]);
    const [r] = await solve(
      'krylov',
      [{ dim: c.dim, j: c.j, lower: c.lower, warm, warmCount: c.j }],
      async (inputs, counts) => {
        sent.push(Float64Array.from(inputs[0]));
        return apply(inputs, counts);
      },
      { tol: TOL, seed: 3 },
    );
    const first = sent[0];
    expect(first.length).toBe(c.j * c.dim);
    for (let a = 0; a < c.j; a++)
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let t = 0; t < c.dim; t++) s += first[a * c.dim + t] * first[b * c.dim + t];
        expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-12);
      }
    expect(r.converged).toEqual(Array(c.j).fill(true));
    expect(maxRelativeError(r.values, refA.values)).toBeLessThan(1e-6);
  });
});
