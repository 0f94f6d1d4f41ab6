// The SIMD basis kernels: committed bytes in sync with kernels.wat, and the same numbers as the JS
// kernels of blas.ts (accumulateRows bit for bit; dots up to summation order) on random rows of odd
// and even lengths, at unaligned offsets, with every remainder of the 2×4 register blocks.
import { describe, expect, it } from 'vitest';
import { accumulateRows, crossDots, dotRows } from '../blas';
import { fillNormal, makeRng } from '../random';
import { assembleDenseKernels, assembleKernels } from './assemble';
import { createBasisArena, simdKernelsAvailable } from './basisKernels';
import { DENSE_KERNELS_WASM_BASE64 } from './denseKernelsWasm';
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

const DIMS = [1, 2, 3, 4, 5, 7, 8, 31, 64, 127, 1000, 1001];
const ROWS = [1, 2, 3, 4, 5, 6, 7, 9];

/** |x|·|y| summed elementwise: the scale of the rounding in a dot product */
function absDot(x: Float64Array, xOff: number, y: Float64Array, yOff: number, dim: number): number {
  let s = 0;
  for (let i = 0; i < dim; i++) s += Math.abs(x[xOff + i] * y[yOff + i]);
  return s;
}

describe('wasm basis kernels', () => {
  it('kernelsWasm.ts holds exactly the assembled kernels.wat (run build.ts after editing the .wat)', async () => {
    const assembled = await assembleKernels();
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').equals(Buffer.from(assembled))).toBe(true);
  });

  it('denseKernelsWasm.ts holds exactly the assembled denseKernels.wat (run build.ts after editing the .wat)', async () => {
    const assembled = await assembleDenseKernels();
    expect(Buffer.from(DENSE_KERNELS_WASM_BASE64, 'base64').equals(Buffer.from(assembled))).toBe(true);
  });

  it('SIMD is available in Node, so the tests below exercise the wasm path', () => {
    expect(simdKernelsAvailable()).toBe(true);
    expect(createBasisArena([4]).kernels.simd).toBe(true);
    const js = createBasisArena([4, 6], 'js');
    expect(js.kernels.simd).toBe(false);
    expect(js.arrays.map((a) => a.length)).toEqual([4, 6]);
  });

  it('arena arrays are zeroed, disjoint and of the requested lengths', () => {
    const { arrays } = createBasisArena([3, 0, 5, 7]);
    expect(arrays.map((a) => a.length)).toEqual([3, 0, 5, 7]);
    arrays.forEach((a, i) => a.fill(i + 1));
    arrays.forEach((a, i) => expect(Array.from(a)).toEqual(Array(a.length).fill(i + 1)));
  });

  it('crossDots and dotRows match blas.ts up to summation order', () => {
    const rng = makeRng(11);
    for (const dim of DIMS)
      for (const nx of ROWS.slice(0, 5))
        for (const ny of ROWS) {
          const xOff = 3; // odd element offsets: rows off 16-byte alignment
          const yOff = 1;
          const ldo = ny + 2;
          const outOff = 5;
          const { arrays, kernels } = createBasisArena([xOff + nx * dim, yOff + ny * dim, outOff + nx * ldo]);
          const [x, y, out] = arrays;
          fillNormal(rng, x);
          fillNormal(rng, y);
          out.fill(-7); // gaps between rows (ldo > ny) must stay as they are
          const ref = new Float64Array(out.length).fill(-7);
          kernels.crossDots(x, xOff, nx, y, yOff, ny, dim, out, outOff, ldo);
          crossDots(x.slice(), xOff, nx, y.slice(), yOff, ny, dim, ref, outOff, ldo);
          for (let i = 0; i < out.length; i++) {
            const r = Math.floor((i - outOff) / ldo);
            const l = (i - outOff) % ldo;
            if (i < outOff || l >= ny) {
              expect(out[i]).toBe(-7);
              continue;
            }
            const scale = absDot(x, xOff + r * dim, y, yOff + l * dim, dim);
            expect(Math.abs(out[i] - ref[i])).toBeLessThanOrEqual(1e-13 * scale);
          }
          for (let r = 0; r < nx; r++) {
            const w = kernels.dotRows(x, xOff + r * dim, y, yOff, dim);
            const j = dotRows(x, xOff + r * dim, y, yOff, dim);
            expect(Math.abs(w - j)).toBeLessThanOrEqual(1e-13 * absDot(x, xOff + r * dim, y, yOff, dim));
          }
        }
  });

  it('crossDots of a block against itself (X = Y rows) matches too', () => {
    const rng = makeRng(12);
    const dim = 37;
    const n = 7;
    const { arrays, kernels } = createBasisArena([n * dim, n * n]);
    const [x, out] = arrays;
    fillNormal(rng, x);
    const ref = new Float64Array(n * n);
    kernels.crossDots(x, 0, n, x, 0, n, dim, out, 0, n);
    crossDots(x, 0, n, x, 0, n, dim, ref, 0, n);
    for (let i = 0; i < n * n; i++)
      expect(Math.abs(out[i] - ref[i])).toBeLessThanOrEqual(
        1e-13 * absDot(x, Math.floor(i / n) * dim, x, (i % n) * dim, dim),
      );
  });

  it('accumulateRows is bit-identical to blas.ts', () => {
    const rng = makeRng(13);
    for (const dim of DIMS)
      for (const nout of ROWS.slice(0, 5))
        for (const ny of ROWS)
          for (const scale of [1, -1, 0.37]) {
            const ldc = ny + 3;
            const yOff = 3;
            const outOff = 1;
            const { arrays, kernels } = createBasisArena([nout * ldc, yOff + ny * dim, outOff + nout * dim + 2]);
            const [c, y, out] = arrays;
            fillNormal(rng, c);
            fillNormal(rng, y);
            fillNormal(rng, out);
            const ref = out.slice();
            kernels.accumulateRows(c, ldc, nout, y, yOff, ny, dim, out, outOff, scale);
            accumulateRows(c.slice(), ldc, nout, y.slice(), yOff, ny, dim, ref, outOff, scale);
            expect(Array.from(out)).toEqual(Array.from(ref));
          }
  });

  it('accumulateRows into a row of the same stack as its inputs (as orthonormalisation does)', () => {
    const rng = makeRng(14);
    const dim = 41;
    const kept = 6;
    const { arrays, kernels } = createBasisArena([(kept + 1) * dim, kept]);
    const [x, c] = arrays;
    fillNormal(rng, x);
    fillNormal(rng, c);
    const ref = x.slice();
    kernels.accumulateRows(c, kept, 1, x, 0, kept, dim, x, kept * dim, -1);
    accumulateRows(c.slice(), kept, 1, ref.slice(), 0, kept, dim, ref, kept * dim, -1);
    expect(Array.from(x)).toEqual(Array.from(ref));
  });

  it('empty shapes are no-ops (or zero dots) as in blas.ts', () => {
    const { arrays, kernels } = createBasisArena([10, 10, 4]);
    const [x, y, out] = arrays;
    out.fill(3);
    kernels.crossDots(x, 0, 2, y, 0, 2, 0, out, 0, 2);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
    out.fill(3);
    kernels.crossDots(x, 0, 0, y, 0, 2, 5, out, 0, 2);
    kernels.accumulateRows(out, 2, 0, y, 0, 2, 5, x, 0, 1);
    expect(Array.from(out)).toEqual([3, 3, 3, 3]);
    expect(kernels.dotRows(x, 0, y, 0, 0)).toBe(0);
  });

  it('refuses arrays that do not live in its memory', () => {
    const { arrays, kernels } = createBasisArena([8, 4]);
    expect(() => kernels.dotRows(new Float64Array(8), 0, arrays[0], 0, 8)).toThrow(/arena/);
    const other = createBasisArena([8]).arrays[0];
    expect(() => kernels.crossDots(other, 0, 1, arrays[0], 0, 1, 8, arrays[1], 0, 1)).toThrow(/arena/);
  });
});
