// The Krylov solver on both kinds of basis kernels (WebAssembly SIMD and the JS fallback): each meets
// the dense reference, and the two agree to well within the tolerance.
import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './dense';
import { solveKrylov } from './krylov';
import { denseBatchApply, maxRelativeError, outlierCase } from './testMatrices';
import { simdKernelsAvailable } from './wasm/basisKernels';

const TOL = 1e-4;

describe('krylov basis kernels', () => {
  it('the wasm path is the one exercised here (Node has WebAssembly SIMD)', () => {
    expect(simdKernelsAvailable()).toBe(true);
  });

  it.each(['k10top10', 'indefinite'] as const)(
    '%s: wasm and js kernels both converge to the dense spectrum',
    async (name) => {
      const c = outlierCase(name);
      const ref = symmetricEigen(c.a, c.dim);
      const results = [];
      for (const basisKernels of ['wasm', 'js'] as const) {
        const { apply } = denseBatchApply([c.a, c.a], [c.dim, c.dim], true);
        // two problems of the same matrix (different start blocks) and a small basis cap: restarts too
        const rs = await solveKrylov(
          [
            { dim: c.dim, j: c.j, lower: c.lower },
            { dim: c.dim, j: c.j, lower: c.lower, guard: 3 },
          ],
          apply,
          { tol: TOL, seed: 3, basisKernels, maxBasis: 3 * c.j + 6 },
        );
        for (const r of rs) {
          expect(r.converged).toEqual(Array(c.j).fill(true));
          expect(maxRelativeError(r.values, ref.values)).toBeLessThan(1e-4);
          r.residuals.forEach((res, i) => expect(res).toBeLessThanOrEqual(TOL * Math.abs(r.values[i])));
        }
        results.push(rs);
      }
      const [wasm, js] = results;
      for (let p = 0; p < wasm.length; p++) expect(maxRelativeError(wasm[p].values, js[p].values)).toBeLessThan(1e-6);
    },
  );
});
