// Accuracy of every solver on matrices shaped like our blocks, through a float32-rounding operator.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { solve, type SolverKind } from './index';
import { denseBatchApply, maxPrincipalSine, maxRelativeError, outlierCase } from './testMatrices';

const TOL = 1e-4;
const cases = ['k4', 'k10top10', 'k10top4', 'indefinite'] as const;
const solvers: SolverKind[] = ['krylov', 'chebyshev', 'subspace', 'power'];

describe.each(cases)('solvers on %s', (caseName) => {
  const c = outlierCase(caseName);
  const ref = symmetricEigen(c.a, c.dim);
  it.each(solvers)('%s: top-j values, residuals, subspace', async (kind) => {
    const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
    const [r] = await solve(kind, [{ dim: c.dim, j: c.j, lower: c.lower }], apply, { tol: TOL, seed: 1 });
    expect(r.values).toHaveLength(c.j);
    for (let i = 1; i < c.j; i++) expect(r.values[i]).toBeLessThanOrEqual(r.values[i - 1]);
    const relErr = maxRelativeError(r.values, ref.values);
    expect(relErr).toBeLessThan(1e-4);
    expect(r.converged).toEqual(Array(c.j).fill(true));
    r.residuals.forEach((res, i) => expect(res).toBeLessThanOrEqual(TOL * Math.abs(r.values[i])));
    // vectors orthonormal
    for (let a = 0; a < c.j; a++)
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let t = 0; t < c.dim; t++) s += r.vectors[a * c.dim + t] * r.vectors[b * c.dim + t];
        expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-10);
      }
    // Davis–Kahan: sin∠(U, U_true) ≤ ‖R‖_F / (θ_j − λ_{j+1}). The bound is computed from the solver's
    // own residuals, so this checks the vectors (not just the values) against the dense reference.
    const gap = r.values[c.j - 1] - ref.values[c.j];
    const resF = Math.hypot(...r.residuals);
    const sine = maxPrincipalSine(r.vectors, ref.vectors.subarray(0, c.j * c.dim), c.j, c.dim);
    expect(gap).toBeGreaterThan(0);
    expect(sine).toBeLessThanOrEqual((1.01 * resF) / gap + 1e-6);
    expect(sine).toBeLessThan(0.05);
    // applications = rows sent over all calls
    expect(r.applications).toBe(calls.reduce((s, cnt) => s + cnt[0], 0));
    console.log(
      `[${caseName}] ${kind}: calls=${calls.length} applications=${r.applications} iterations=${r.iterations} maxRelErr=${relErr.toExponential(2)} sin∠=${sine.toExponential(2)}`,
    );
  });
});

describe('krylov with a capped expansion (maxExpansion: cold solves in the engine)', () => {
  it.each([1, 3])('%i row(s) per call: same accuracy, never more rows per call, fewer mat-vecs than uncapped', async (maxExpansion) => {
    const c = outlierCase('k10top10');
    const ref = symmetricEigen(c.a, c.dim);
    const run = async (cap?: number) => {
      const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
      const [r] = await solve('krylov', [{ dim: c.dim, j: c.j, lower: c.lower, maxExpansion: cap }], apply, { tol: TOL, seed: 1 });
      return { r, calls };
    };
    const capped = await run(maxExpansion);
    const free = await run();
    expect(maxRelativeError(capped.r.values, ref.values)).toBeLessThan(1e-4);
    expect(capped.r.converged).toEqual(Array(c.j).fill(true));
    capped.r.residuals.forEach((res, i) => expect(res).toBeLessThanOrEqual(TOL * Math.abs(capped.r.values[i])));
    // the first call sends the start block; every later one at most maxExpansion rows
    expect(Math.max(...capped.calls.slice(1).map((cnt) => cnt[0]))).toBeLessThanOrEqual(maxExpansion);
    expect(Math.max(...free.calls.slice(1).map((cnt) => cnt[0]))).toBeGreaterThan(maxExpansion);
    expect(capped.r.applications).toBeLessThan(free.r.applications);
  });
});
