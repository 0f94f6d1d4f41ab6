// Several problems of different dims in one solve: one call per iteration for all, count 0 for
// problems that are done, and per-problem application counts that match what was sent.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { solve, type SolverKind } from './index';
import { denseBatchApply, maxRelativeError, outlierCase, spikedWishart } from './testMatrices';

const TOL = 1e-4;

describe.each(['krylov', 'chebyshev', 'subspace', 'power'] as SolverKind[])('batched %s', (kind) => {
  it('solves problems of different dims together and stops sending for converged ones', async () => {
    const hard = outlierCase('k10top4'); // d = 200, slow
    const easyDim = 120;
    const easy = spikedWishart({
      d: easyDim,
      samples: 2 * easyDim,
      k: 2,
      snr: 50,
      weight: (c) => (c === 0 ? 0.25 : 0.1),
      shift: 0,
      seed: 5,
    });
    const psd = outlierCase('k4'); // d = 300, G-like lower 0 is also a valid bound here
    const easyRef = symmetricEigen(easy, easyDim);
    // warm start the easy problem with its exact vectors: done after the first call(s)
    const problems = [
      { dim: hard.dim, j: hard.j, lower: hard.lower },
      { dim: easyDim, j: 2, lower: 0, warm: easyRef.vectors.slice(0, 2 * easyDim), warmCount: 2 },
      { dim: psd.dim, j: psd.j, lower: 0 },
    ];
    const mats = [hard.a, easy, psd.a];
    const { apply, calls } = denseBatchApply(
      mats,
      problems.map((p) => p.dim),
    );
    const results = await solve(kind, problems, apply, { tol: TOL, seed: 4 });
    results.forEach((r, i) => {
      const ref = symmetricEigen(mats[i], problems[i].dim);
      expect(r.converged).toEqual(Array(problems[i].j).fill(true));
      expect(maxRelativeError(r.values, ref.values)).toBeLessThan(1e-4);
      // applications = everything this problem sent
      expect(r.applications).toBe(calls.reduce((s, c) => s + c[i], 0));
      // once a problem stops sending it never sends again
      const active = calls.map((c) => c[i] > 0);
      const last = active.lastIndexOf(true);
      expect(active.slice(0, last + 1).every(Boolean)).toBe(true);
      expect(calls.slice(last + 1).every((c) => c[i] === 0)).toBe(true);
    });
    // the warm, exact problem finished early and received count 0 for the rest of the solve
    const easyCalls = calls.filter((c) => c[1] > 0).length;
    expect(easyCalls).toBe(kind === 'power' ? 4 : 1);
    expect(calls.length).toBeGreaterThan(easyCalls + 5);
    expect(calls[calls.length - 1][1]).toBe(0);
    // no call carries only zero counts
    expect(calls.every((c) => c.some((n) => n > 0))).toBe(true);
    console.log(
      `batched ${kind}: calls=${calls.length}, active calls per problem=${[0, 1, 2].map((i) => calls.filter((c) => c[i] > 0).length).join('/')}, applications=${results.map((r) => r.applications).join('/')}`,
    );
  });
});
