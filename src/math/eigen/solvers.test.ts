// Accuracy of every solver on matrices shaped like our blocks, through a float32-rounding operator.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { solve, type SolverKind } from './index';
import { makeRng } from './random';
import {
  denseBatchApply,
  maxPrincipalSine,
  maxRelativeError,
  outlierCase,
  randomOrthogonal,
  withSpectrum,
} from './testMatrices';

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
  it.each([1, 3])(
    '%i row(s) per call: same accuracy, never more rows per call, fewer mat-vecs than uncapped',
    async (maxExpansion) => {
      const c = outlierCase('k10top10');
      const ref = symmetricEigen(c.a, c.dim);
      const run = async (cap?: number) => {
        const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
        const [r] = await solve('krylov', [{ dim: c.dim, j: c.j, lower: c.lower, maxExpansion: cap }], apply, {
          tol: TOL,
          seed: 1,
        });
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
    },
  );
});

describe('krylov cold starts as block Lanczos (lanczosBlock: cold solves in the engine)', () => {
  const residualOk = (r: { values: number[]; residuals: number[] }) =>
    r.residuals.every((res, i) => res <= TOL * Math.abs(r.values[i]));

  it.each(cases.flatMap((name) => [1, 2].map((rows) => [name, rows] as const)))(
    '%s, %i row(s) per call: dense top-j, every later call sends the last products',
    async (caseName, rows) => {
      const c = outlierCase(caseName);
      const ref = symmetricEigen(c.a, c.dim);
      const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
      const [r] = await solve(
        'krylov',
        [{ dim: c.dim, j: c.j, lower: c.lower, lanczosBlock: rows, maxExpansion: 3 }],
        apply,
        { tol: TOL, seed: 1 },
      );
      expect(maxRelativeError(r.values, ref.values)).toBeLessThan(1e-4);
      expect(r.converged).toEqual(Array(c.j).fill(true));
      expect(residualOk(r)).toBe(true);
      const sine = maxPrincipalSine(r.vectors, ref.vectors.subarray(0, c.j * c.dim), c.j, c.dim);
      expect(sine).toBeLessThanOrEqual(
        (1.01 * Math.hypot(...r.residuals)) / (r.values[c.j - 1] - ref.values[c.j]) + 1e-6,
      );
      // the start block has `rows` rows, and so has every call of the recurrence until the basis is full
      // (krylov's default cap: max(6p, p + 2j) rows, p = j + guard, and no guard rows unless asked)
      const p = c.j;
      const cap = Math.min(c.dim, Math.max(6 * p, p + 2 * c.j));
      expect(calls.slice(0, Math.floor(cap / rows)).every((cnt) => cnt[0] === rows)).toBe(true);
      expect(r.applications).toBe(calls.reduce((sum, cnt) => sum + cnt[0], 0));
    },
  );

  it('needs fewer mat-vecs than the capped residual expansion from a random block (the engine’s previous cold solve)', async () => {
    const c = outlierCase('k10top10');
    const run = async (lanczosBlock?: number) => {
      const { apply } = denseBatchApply([c.a], [c.dim], true);
      const [r] = await solve(
        'krylov',
        [{ dim: c.dim, j: c.j, lower: c.lower, maxExpansion: 3, lanczosBlock }],
        apply,
        { tol: TOL, seed: 1 },
      );
      return r.applications;
    };
    const lanczos = await run(2);
    const residual = await run(undefined);
    console.log(`[k10top10] cold mat-vecs: block Lanczos (2 rows) ${lanczos}, residual expansion (3 rows) ${residual}`);
    expect(lanczos).toBeLessThan(residual);
  });

  it('2 rows per call find both copies of a double eigenvalue among the top j (one row cannot)', async () => {
    const n = 120;
    const spectrum = Array.from({ length: n }, (_, i) => 1 / (1 + 0.05 * i));
    spectrum[3] = spectrum[2]; // λ₃ = λ₂ exactly: a single-vector Krylov space holds one copy only
    const a = withSpectrum(spectrum, randomOrthogonal(n, makeRng(3, 0)));
    const ref = symmetricEigen(a, n);
    const solveWith = async (rows: number) => {
      const { apply } = denseBatchApply([a], [n], false);
      const [r] = await solve('krylov', [{ dim: n, j: 6, lanczosBlock: rows }], apply, { tol: TOL, seed: 2 });
      return r;
    };
    const two = await solveWith(2);
    expect(maxRelativeError(two.values, ref.values)).toBeLessThan(1e-6);
    expect(two.values[2] - two.values[3]).toBeLessThan(1e-8);
    expect(residualOk(two)).toBe(true);
    // one row: every residual is small, yet the second copy is missing (λ₄ reported in its place)
    const one = await solveWith(1);
    expect(residualOk(one)).toBe(true);
    expect(maxRelativeError(one.values, ref.values)).toBeGreaterThan(1e-3);
  });

  it('a basis cap forces a thick restart: the residual expansion takes over and still converges', async () => {
    const c = outlierCase('k10top10');
    const ref = symmetricEigen(c.a, c.dim);
    const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
    const [r] = await solve(
      'krylov',
      [{ dim: c.dim, j: c.j, lower: c.lower, guard: 2, lanczosBlock: 1, maxExpansion: 3 }],
      apply,
      { tol: TOL, seed: 1, maxBasis: 24 },
    );
    expect(maxRelativeError(r.values, ref.values)).toBeLessThan(1e-4);
    expect(residualOk(r)).toBe(true);
    // the recurrence ran (1 row per call) until the cap of 24 rows; the solve went on past it (restarted)
    expect(calls.slice(0, 24).every((cnt) => cnt[0] === 1)).toBe(true);
    expect(r.applications).toBeGreaterThan(24);
  });

  it('a space smaller than the recurrence needs (dim 12, j 10): exhausted, then exact', async () => {
    const n = 12;
    const spectrum = Array.from({ length: n }, (_, i) => n - i);
    const a = withSpectrum(spectrum, randomOrthogonal(n, makeRng(5, 0)));
    const { apply } = denseBatchApply([a], [n], false);
    const [r] = await solve('krylov', [{ dim: n, j: 10, lanczosBlock: 2 }], apply, { tol: TOL, seed: 1 });
    expect(maxRelativeError(r.values, spectrum)).toBeLessThan(1e-10);
    expect(residualOk(r)).toBe(true);
  });

  it('warm rows present: no Lanczos phase (the first call sends the warm block)', async () => {
    const c = outlierCase('k10top4');
    const ref = symmetricEigen(c.a, c.dim);
    const { apply, calls } = denseBatchApply([c.a], [c.dim], true);
    const warm = ref.vectors.slice(0, c.j * c.dim);
    await solve(
      'krylov',
      [{ dim: c.dim, j: c.j, lower: c.lower, guard: 0, warm, warmCount: c.j, lanczosBlock: 2 }],
      apply,
      { tol: TOL, seed: 1 },
    );
    expect(calls[0][0]).toBe(c.j);
  });
});
