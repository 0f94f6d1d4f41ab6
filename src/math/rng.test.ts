import { describe, expect, it } from 'vitest';
import { makeStream } from './rng';

describe('seeded streams', () => {
  it('same seed and name → identical draws; other name or seed → different', () => {
    const a = makeStream(7, 'train');
    const b = makeStream(7, 'train');
    const c = makeStream(7, 'test');
    const e = makeStream(8, 'train');
    const xs = Array.from({ length: 5 }, () => a.normal());
    expect(Array.from({ length: 5 }, () => b.normal())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.normal())).not.toEqual(xs);
    expect(Array.from({ length: 5 }, () => e.normal())).not.toEqual(xs);
  });
  it('fillNormal = the same draws as repeated normal(), in order, spare carried across calls and lengths', () => {
    const a = makeStream(3, 'fill');
    const b = makeStream(3, 'fill');
    for (const len of [1, 7, 1000, 0, 2, 3, 64]) {
      const bulk = new Float64Array(len);
      a.fillNormal(bulk, 0.5);
      expect(Array.from(bulk)).toEqual(Array.from({ length: len }, () => 0.5 * b.normal()));
      // the uniform stream continues at the same position too
      expect(a.uniform()).toBe(b.uniform());
      expect(a.save?.()).toEqual(b.save?.());
    }
  });
  it('normals have mean 0, variance 1, kurtosis 3 and uncorrelated neighbours (n = 4e5)', () => {
    const rng = makeStream(1, 'moments');
    const n = 400_000;
    const z = new Float64Array(n);
    rng.fillNormal(z);
    let m1 = 0,
      m2 = 0,
      m4 = 0,
      lag = 0;
    for (let i = 0; i < n; i++) {
      m1 += z[i];
      m2 += z[i] ** 2;
      m4 += z[i] ** 4;
      if (i > 0) lag += z[i] * z[i - 1];
    }
    // standard errors: mean 1/√n = 0.0016, var √(2/n) = 0.0022, kurtosis √(96/n) = 0.015
    expect(Math.abs(m1 / n)).toBeLessThan(0.008);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.011);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.08);
    expect(Math.abs(lag / n)).toBeLessThan(0.008);
  });
  it('uniforms fill [0, 1) evenly (10 bins, chi-square)', () => {
    const rng = makeStream(2, 'u');
    const bins = new Array(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 10)]++;
    }
    expect(outside).toBe(0);
    const chi2 = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
  });
});
