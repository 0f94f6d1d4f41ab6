import { describe, expect, it } from 'vitest';
import { BbpSeries, bbpData, bbpMatrix, bbpSpectrum, histogramCurve } from './bbpSpectrum';
import { makeStream } from '../math/rng';
import { symmetricEigen } from '../math/eigen/dense';

describe('bbpSpectrum', () => {
  it('builds λB/w equal to the dense reference (1/M) Σ (√λ μ_a + Z)(√λ μ_a + Z)ᵀ', () => {
    const d = 12;
    const k = 3;
    const data = bbpData(d, 2, k, 5);
    const M = data.M;
    const rng = makeStream(5, 'essay-bbp');
    const z = new Float64Array(M * d);
    rng.fillNormal(z);
    const lambda = 7;
    const ref = new Float64Array(d * d);
    for (let m = 0; m < M; m++) {
      const y = Array.from(z.subarray(m * d, (m + 1) * d));
      y[m % k] += Math.sqrt(lambda);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) ref[i * d + j] += (y[i] * y[j]) / M;
    }
    const got = bbpMatrix(data, lambda);
    for (let i = 0; i < d * d; i++) expect(got[i]).toBeCloseTo(ref[i], 10);
    const refValues = Array.from(symmetricEigen(ref, d).values).sort((a, b) => b - a);
    bbpSpectrum(data, lambda).eigenvalues.forEach((v, i) => expect(v).toBeCloseTo(refValues[i], 9));
  });

  it('has no outlier below the BBP threshold and k outliers well above it (d = 160, M = 2d)', () => {
    const data = bbpData(160, 2, 4, 1);
    const below = bbpSpectrum(data, 1);
    expect(below.threshold).toBeCloseTo(4 * Math.sqrt(0.5), 12);
    expect(below.outliers).toBe(0);
    expect(below.predicted).toBeNull();
    const above = bbpSpectrum(data, 20);
    expect(above.outliers).toBe(4);
    // the top eigenvalues sit near the d → ∞ prediction (1 + ℓ)(1 + γ/ℓ), ℓ = 5
    for (const v of above.eigenvalues.slice(0, 4))
      expect(Math.abs(v - above.predicted!) / above.predicted!).toBeLessThan(0.15);
    // the bulk stays inside the Marchenko–Pastur support, up to finite-size fluctuation
    expect(above.eigenvalues[4]).toBeLessThan(above.support[1] * 1.05);
  });

  it('more samples per dimension lower the threshold: at λ = 3 no outlier with M = 2d, all four with M = 8d (d = 160)', () => {
    const few = bbpSpectrum(bbpData(160, 2, 4, 1), 3);
    const many = bbpSpectrum(bbpData(160, 8, 4, 1), 3);
    expect(few.outliers).toBe(0);
    expect(many.outliers).toBe(4);
    expect(many.threshold).toBeCloseTo(4 * Math.sqrt(1 / 8), 12);
    expect(many.support[1]).toBeLessThan(few.support[1]);
  });

  it('BbpSeries gives bbpData’s matrix for each M/d, grown from the smaller ones or drawn fresh', () => {
    const series = new BbpSeries(24, 4, 8, 1);
    for (const ratio of [2, 2.5, 8, 1, 4.5]) {
      const got = series.data(ratio);
      const ref = bbpData(24, ratio, 4, 1);
      expect(got.M).toBe(ref.M);
      expect(got.counts).toEqual(ref.counts);
      got.classNoise.forEach((v, i) => expect(v).toBeCloseTo(ref.classNoise[i], 12));
      got.noise.forEach((v, i) => expect(v).toBeCloseTo(ref.noise[i], 12));
    }
  });

  it('histogram integrates to the fraction of eigenvalues inside the range', () => {
    const curve = histogramCurve([0.5, 1.5, 2.5, 9], 4, 4);
    let area = 0;
    for (let i = 0; i < curve.length; i += 2) area += curve[i][1] * (curve[i + 1][0] - curve[i][0]);
    expect(area).toBeCloseTo(0.75, 12);
  });
});
