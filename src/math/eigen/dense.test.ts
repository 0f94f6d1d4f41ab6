import { describe, expect, it } from 'vitest';
import { symmetricEigen, symmetricTridiagonalEigen, symmetricTridiagonalEigenFull } from './dense';
import { makeRng } from './random';
import { randomOrthogonal, withSpectrum } from './testMatrices';

function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** max |VVᵀ − I| and max |Vᵀ diag(λ) V − A| */
function checkDecomposition(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array) {
  let orth = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += vectors[i * n + t] * vectors[k * n + t];
      orth = Math.max(orth, Math.abs(s - (i === k ? 1 : 0)));
    }
  const rec = withSpectrum(values, vectors);
  let err = 0;
  for (let i = 0; i < n * n; i++) err = Math.max(err, Math.abs(rec[i] - a[i]));
  return { orth, recon: err / Math.max(1e-300, maxAbs(a)) };
}

describe('symmetricEigen', () => {
  const cases: { n: number; name: string; spectrum: (n: number) => number[] }[] = [
    { n: 5, name: 'distinct, mixed signs', spectrum: () => [3, -2, 0.5, 7, -0.1] },
    {
      n: 50,
      name: 'repeated eigenvalues',
      spectrum: (n) => Array.from({ length: n }, (_, i) => [2, 2, 2, -1][i % 4] + (i < 3 ? 5 : 0)),
    },
    { n: 50, name: 'negative, clustered', spectrum: (n) => Array.from({ length: n }, (_, i) => -1 - i * 1e-3) },
    {
      n: 300,
      name: 'spread, some negative',
      spectrum: (n) => Array.from({ length: n }, (_, i) => Math.sin(i) * 10 + (i === 0 ? 100 : 0)),
    },
  ];
  for (const c of cases) {
    it(`recovers a known spectrum: n=${c.n}, ${c.name}`, () => {
      const rng = makeRng(7, c.n);
      const lambda = c.spectrum(c.n);
      const q = randomOrthogonal(c.n, rng);
      const a = withSpectrum(lambda, q);
      const t0 = performance.now();
      const { values, vectors } = symmetricEigen(a, c.n);
      const ms = performance.now() - t0;
      const expected = [...lambda].sort((x, y) => y - x);
      const scale = maxAbs(lambda);
      for (let i = 0; i < c.n; i++) expect(Math.abs(values[i] - expected[i])).toBeLessThan(1e-12 * scale * c.n);
      for (let i = 1; i < c.n; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
      const { orth, recon } = checkDecomposition(a, c.n, values, vectors);
      expect(orth).toBeLessThan(1e-12 * c.n);
      expect(recon).toBeLessThan(1e-12 * c.n);
      if (c.n >= 300) expect(ms).toBeLessThan(2000);
    });
  }

  it('handles the n=400 reference size quickly and 1×1 / diagonal input', () => {
    const n = 400;
    const rng = makeRng(3, 0);
    const a = withSpectrum(
      Array.from({ length: n }, () => rng.normal()),
      randomOrthogonal(n, rng),
    );
    const t0 = performance.now();
    symmetricEigen(a, n);
    // ~250–330 ms on an idle core; the bound is a guard against complexity regressions (O(n⁴), strided
    // loops), loose because the test machine is shared and runs two test workers on two cores.
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(Array.from(symmetricEigen(Float64Array.of(-4), 1).values)).toEqual([-4]);
    const diag = symmetricEigen(Float64Array.of(1, 0, 0, 0, 3, 0, 0, 0, 2), 3);
    expect(Array.from(diag.values)).toEqual([3, 2, 1]);
    expect(Math.abs(diag.vectors[1])).toBe(1);
  });
});

describe('symmetricTridiagonalEigen', () => {
  it('matches the dense solver and gives first components', () => {
    const m = 40;
    const rng = makeRng(11, 0);
    const alpha = Array.from({ length: m }, () => rng.normal());
    const beta = Array.from({ length: m - 1 }, () => Math.abs(rng.normal()) + 0.1);
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      a[i * m + i] = alpha[i];
      if (i + 1 < m) a[i * m + i + 1] = a[(i + 1) * m + i] = beta[i];
    }
    const ref = symmetricEigen(a, m);
    const tri = symmetricTridiagonalEigen(alpha, beta);
    const full = symmetricTridiagonalEigenFull(alpha, beta);
    let sumSq = 0;
    for (let i = 0; i < m; i++) {
      expect(tri.values[i]).toBeCloseTo(ref.values[i], 12);
      expect(full.values[i]).toBeCloseTo(ref.values[i], 12);
      expect(Math.abs(tri.firstComponents[i])).toBeCloseTo(Math.abs(ref.vectors[i * m]), 10);
      expect(full.vectors[i * m]).toBeCloseTo(tri.firstComponents[i], 12);
      sumSq += tri.firstComponents[i] ** 2;
    }
    expect(sumSq).toBeCloseTo(1, 12);
  });
});
