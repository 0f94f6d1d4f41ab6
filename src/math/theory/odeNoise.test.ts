// The noise scales that flag the ODE (odeNoise.ts): closed-form limits of the kink law and the softmax bound.
// The flags on real runs (seed 2 at d = 1000, λ = 0.01 at d = 300, the clean presets) are tested in
// src/engine/theory.test.ts.
import { describe, expect, it } from 'vitest';
import { erf, kinkFlipProbability, overlapNoise, softmaxRelativeNoise } from './odeNoise';

const normalCdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));

describe('kink flip probability', () => {
  const scales = { cdelta: 1, d: 1000, lambda: 1000 };

  it('½ on the kink, symmetric, decreasing in the distance from it', () => {
    expect(kinkFlipProbability(0, 0.8, 1, scales)).toBeCloseTo(0.5, 6);
    expect(kinkFlipProbability(0.003, 0.8, 1, scales)).toBeCloseTo(kinkFlipProbability(-0.003, 0.8, 1, scales), 12);
    const ps = [0.001, 0.003, 0.01, 0.03].map((m) => kinkFlipProbability(m, 0.8, 1, scales));
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeLessThan(ps[i - 1]);
  });

  it('sharp gate (σ_p → 0): gambler’s ruin ½ exp(−|m₀|/ℓ), ℓ = c_δ|v|(1 + 1/λ)/(4d)', () => {
    const sharp = { cdelta: 1, d: 1000, lambda: 1e14 };
    const ell = (1 * 0.8) / (4 * 1000);
    for (const m0 of [1e-4, 5e-4, 1e-3])
      expect(kinkFlipProbability(m0, 0.8, 1, sharp) / (0.5 * Math.exp(-m0 / ell)) - 1).toBeLessThan(2e-3);
  });

  it('smoothed gate (σ_p ≫ ℓ): repelling Ornstein–Uhlenbeck Φ(−|m₀|/ℓ_p), ℓ_p = s/√(2r), r = |v|φ(0)/(4σ_p)', () => {
    const v = 0.8;
    const smoothing = 1 / Math.sqrt(scales.lambda); // ‖W‖ = 1
    const s = overlapNoise(v, scales);
    const r = (Math.abs(v) / (4 * smoothing)) * (1 / Math.sqrt(2 * Math.PI));
    const lp = s / Math.sqrt(2 * r);
    // |m₀| ≪ σ_p, where the drift is still linear: the two laws agree to a few per cent
    for (const m0 of [0.0005, 0.002, 0.004]) {
      const want = normalCdf(-m0 / lp);
      expect(Math.abs(kinkFlipProbability(m0, v, 1, scales) - want) / want).toBeLessThan(0.05);
    }
  });

  it('noise of the overlap: √(c_δ(1 + 1/λ)/d)·|v|/4', () => {
    expect(overlapNoise(-2, { cdelta: 0.5, d: 200, lambda: 1 })).toBeCloseTo(Math.sqrt((0.5 * 2) / 200) * 0.5, 14);
  });
});

describe('softmax relative noise of ‖x^c‖²', () => {
  it('2√(c_δ t̃/(λ d R)) with the ridge memory t̃ = min(t, 1/(2β))', () => {
    const at = (t: number) => softmaxRelativeNoise(1, t, { cdelta: 1, d: 300, lambda: 0.5, beta: 0.1 });
    expect(at(0)).toBe(0);
    expect(at(2)).toBeCloseTo(2 * Math.sqrt(2 / 150), 14);
    expect(at(5)).toBeCloseTo(at(50), 14); // memory 1/(2β) = 5
    expect(softmaxRelativeNoise(4, 1, { cdelta: 1, d: 300, lambda: 0.5, beta: 0 })).toBeCloseTo(
      2 * Math.sqrt(1 / 600),
      14,
    );
  });
  it('the cited configurations: λ = 0.01, d = 300 far over the limit; λ = 50, d = 300 far under it', () => {
    const config = { cdelta: 1, d: 300, beta: 0.1 };
    expect(softmaxRelativeNoise(1, 5, { ...config, lambda: 0.01 })).toBeGreaterThan(1);
    expect(softmaxRelativeNoise(1, 25, { ...config, lambda: 50 })).toBeLessThan(0.05);
  });
});
