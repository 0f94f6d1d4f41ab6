import { describe, expect, it } from 'vitest';
import { makeStream } from '../rng';
import { integrateXorOde, xorOdeField } from './odeXor';

const logit = (p: number) => Math.log(p / (1 - p));

/** The K = 4 optimum: one neuron per cluster, m = ±v on its own mean, 0 on the other (v² = −logit(4β)). */
function optimum(beta: number) {
  const a = Math.sqrt(-logit(4 * beta));
  return {
    v0: [a, a, -a, -a],
    mmu0: [a, -a, 0, 0],
    mnu0: [0, 0, a, -a],
    Rperp0: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  };
}

/**
 * Minimal online SGD for f = v·ReLU(WY) with logistic output, BCE + ridge β on the XOR-GMM with μ = e_1,
 * ν = e_2 (docs/MATH.md §1–3); δ = c_δ/d. Records v, m^μ, m^ν at every unit of time and the realised
 * quadratic variation of each coordinate (upper bound on its martingale variance), plus ‖W_i‖.
 */
function xorSgd(
  v0: Float64Array,
  W0: Float64Array,
  d: number,
  lambda: number,
  beta: number,
  cdelta: number,
  T: number,
  seed: number,
) {
  const width = v0.length;
  const v = Float64Array.from(v0);
  const W = Float64Array.from(W0);
  const rng = makeStream(seed, 'theory-xor-sgd');
  const delta = cdelta / d;
  const perUnit = Math.round(1 / delta);
  const steps = Math.round(T * perUnit);
  const qv = new Float64Array(3 * width);
  const qvPerp = new Float64Array(width); // realised quadratic variation of R⊥_ii
  const snapshot = () => {
    const s = new Float64Array(3 * width);
    for (let i = 0; i < width; i++) {
      s[i] = v[i];
      s[width + i] = W[i * d];
      s[2 * width + i] = W[i * d + 1];
    }
    return s;
  };
  const norms = () => Array.from({ length: width }, (_, i) => Math.hypot(...W.subarray(i * d, (i + 1) * d)));
  const out = { states: [snapshot()], qv: [qv.slice()], qvPerp: [qvPerp.slice()], norms: [norms()] };
  const Y = new Float64Array(d);
  const pre = new Float64Array(width);
  const norm2 = new Float64Array(width);
  const scale = 1 / Math.sqrt(lambda);
  for (let step = 1; step <= steps; step++) {
    const cluster = rng.int(4); // +μ, −μ, +ν, −ν
    rng.fillNormal(Y, scale);
    Y[cluster < 2 ? 0 : 1] += cluster % 2 === 0 ? 1 : -1;
    const label = cluster < 2 ? 1 : 0;
    let f = 0;
    for (let i = 0; i < width; i++) {
      let p = 0;
      for (let j = 0; j < d; j++) p += W[i * d + j] * Y[j];
      pre[i] = p;
      f += v[i] * Math.max(0, p);
    }
    const s = 1 / (1 + Math.exp(-f)) - label;
    let yPerp2 = 0;
    for (let j = 2; j < d; j++) yPerp2 += Y[j] * Y[j];
    for (let i = 0; i < width; i++) {
      let n2 = 0;
      for (let j = 0; j < d; j++) n2 += W[i * d + j] * W[i * d + j];
      norm2[i] = n2;
    }
    for (let i = 0; i < width; i++) {
      const h = Math.max(0, pre[i]);
      const dv = -delta * (s * h + beta * v[i]);
      const gateCoef = pre[i] > 0 ? delta * s * v[i] : 0;
      const dmu = -gateCoef * Y[0] - delta * beta * W[i * d];
      const dnu = -gateCoef * Y[1] - delta * beta * W[i * d + 1];
      qv[i] += dv * dv;
      qv[width + i] += dmu * dmu;
      qv[2 * width + i] += dnu * dnu;
      // ΔR⊥_ii = 2 W_i⊥·ΔW_i⊥ + ‖ΔW_i⊥‖², ΔW_i⊥ = −gateCoef·Y⊥ − δβ W_i⊥ (W_i⊥·Y⊥ = pre − m^μ Y_0 − m^ν Y_1)
      const wy = pre[i] - W[i * d] * Y[0] - W[i * d + 1] * Y[1];
      const perp2 = norm2[i] - W[i * d] ** 2 - W[i * d + 1] ** 2;
      const y2 = yPerp2;
      const dPerp =
        2 * (-gateCoef * wy - delta * beta * perp2) +
        gateCoef * gateCoef * y2 +
        2 * gateCoef * delta * beta * wy +
        (delta * beta) ** 2 * perp2;
      // the −2δβR⊥ part is deterministic: leave it out of the variance bound (E X² ≥ Var X for the rest)
      const random = dPerp + 2 * delta * beta * perp2;
      qvPerp[i] += random * random;
      const shrink = 1 - delta * beta;
      for (let j = 0; j < d; j++) W[i * d + j] = shrink * W[i * d + j] - gateCoef * Y[j];
      v[i] += dv;
    }
    if (step % perUnit === 0) {
      out.states.push(snapshot());
      out.qv.push(qv.slice());
      out.qvPerp.push(qvPerp.slice());
      out.norms.push(norms());
    }
  }
  return out;
}

describe('xor effective dynamics (λ → ∞ form)', () => {
  it('β = 0.1: the one-neuron-per-cluster configuration with m = ±v, v² = −logit(4β) ≈ 0.405 is stationary and attracting', () => {
    const beta = 0.1;
    const start = optimum(beta);
    expect(start.v0[0] ** 2).toBeCloseTo(0.405465, 5);
    // the vector field vanishes there
    const state = Float64Array.from([...start.v0, ...start.mmu0, ...start.mnu0, ...start.Rperp0]);
    const out = new Float64Array(state.length);
    xorOdeField(4, beta, 1e4, 1)(state, out);
    // v, m^μ, m^ν are exactly stationary; R⊥ = 0 is not at finite λ (the corrector feeds it, R⊥ → O(c_δ/(βλ))).
    for (const x of out.subarray(0, 12)) expect(Math.abs(x)).toBeLessThan(1e-15);
    expect(out[12]).toBeGreaterThan(0);
    const still = integrateXorOde({ ...start, beta, lambda: Infinity, cdelta: 1, T: 50, dt: 0.01 });
    const last = still.v.length - 1;
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(still.v[last][i] - start.v0[i])).toBeLessThan(1e-12);
      expect(Math.abs(still.mmu[last][i] - start.mmu0[i])).toBeLessThan(1e-12);
      expect(Math.abs(still.mnu[last][i] - start.mnu0[i])).toBeLessThan(1e-12);
    }
    // perturbed (including off the sliding surface) it returns: the optimum is stable
    const rng = makeStream(4, 'theory-xor-perturb');
    const bump = (xs: number[]) => xs.map((x) => x + 0.05 * rng.normal());
    const back = integrateXorOde({
      v0: bump(start.v0),
      mmu0: bump(start.mmu0),
      mnu0: bump(start.mnu0),
      Rperp0: start.Rperp0,
      beta,
      lambda: Infinity,
      cdelta: 1,
      T: 200,
      dt: 0.01,
    });
    const end = back.v.length - 1;
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(back.v[end][i] - start.v0[i])).toBeLessThan(1e-4);
      expect(Math.abs(back.mmu[end][i] - start.mmu0[i])).toBeLessThan(1e-4);
      expect(Math.abs(back.mnu[end][i] - start.mnu0[i])).toBeLessThan(1e-4);
    }
  });

  it('β > 1/8: everything decays to 0 from a random start; β < 1/8 from the same start does not', () => {
    const rng = makeStream(5, 'theory-xor-random');
    const width = 6;
    const v0 = Array.from({ length: width }, () => rng.normal());
    const mmu0 = Array.from({ length: width }, () => 0.3 * rng.normal());
    const mnu0 = Array.from({ length: width }, () => 0.3 * rng.normal());
    const Rperp0 = Array.from({ length: width * width }, (_, i) => (i % (width + 1) === 0 ? 1 : 0));
    const size = (t: ReturnType<typeof integrateXorOde>) => {
      const e = t.v.length - 1;
      return Math.max(...[...t.v[e], ...t.mmu[e], ...t.mnu[e]].map(Math.abs));
    };
    // Near 0 the slowest mode decays at rate β − 1/8 = 0.025 (linearise m' ≈ v/8 − βm, v' ≈ m/8 − βv):
    // T = 600 leaves e^{-15} ≈ 3e-7 of the start.
    const strong = integrateXorOde({ v0, mmu0, mnu0, Rperp0, beta: 0.15, lambda: 1e4, cdelta: 1, T: 600, dt: 0.02 });
    expect(size(strong)).toBeLessThan(1e-5);
    const weak = integrateXorOde({ v0, mmu0, mnu0, Rperp0, beta: 0.1, lambda: 1e4, cdelta: 1, T: 200, dt: 0.01 });
    expect(size(weak)).toBeGreaterThan(0.3);
    // at β = 0.1 every living group satisfies Σ_group v_i² = −logit(4β) (BGJ22)
    const e = weak.v.length - 1;
    const groups: number[][] = [[], [], [], []];
    for (let i = 0; i < width; i++) {
      const [mu, nu] = [weak.mmu[e][i], weak.mnu[e][i]];
      if (Math.abs(mu) > 1e-3) groups[mu > 0 ? 0 : 1].push(i);
      else if (Math.abs(nu) > 1e-3) groups[nu > 0 ? 2 : 3].push(i);
    }
    for (const g of groups) {
      if (g.length === 0) continue;
      const sum = g.reduce((s, i) => s + weak.v[e][i] ** 2, 0);
      expect(Math.abs(sum - -logit(0.4))).toBeLessThan(1e-4);
    }
  });
});

describe('xor SGD vs the effective dynamics', () => {
  it('d = 2000, K = 4, λ = 1e4, β = 0.1, c_δ = 1: v, m^μ, m^ν follow the ODE up to T = 10', () => {
    const d = 2000;
    const width = 4;
    const [lambda, beta, cdelta, T] = [1e4, 0.1, 1, 10];
    const rng = makeStream(8, 'theory-xor-init'); // v0 ≈ (1.2, −1.8, 2.0, −1.7): both signs, so both means are learnt
    const v0 = Float64Array.from({ length: width }, () => rng.normal());
    const W0 = new Float64Array(width * d);
    rng.fillNormal(W0, 1 / Math.sqrt(d));
    const sgd = xorSgd(v0, W0, d, lambda, beta, cdelta, T, 7);
    const s0 = sgd.states[0];
    const Rperp0 = new Float64Array(width * width);
    for (let i = 0; i < width; i++)
      for (let j = 0; j < width; j++) {
        let s = 0;
        for (let a = 2; a < d; a++) s += W0[i * d + a] * W0[j * d + a];
        Rperp0[i * width + j] = s;
      }
    const ode = integrateXorOde({
      v0: s0.slice(0, width),
      mmu0: s0.slice(width, 2 * width),
      mnu0: s0.slice(2 * width),
      Rperp0,
      beta,
      lambda,
      cdelta,
      T,
      dt: 0.01,
    });
    // Tolerance per coordinate of neuron i at time t:
    //   4 √(realised quadratic variation)   — 4 sd of the O(d^{-1/2}) martingale part (upper bound);
    //   + 3 max_t ‖W_i‖/√λ                  — the ODE's hard ReLU gate vs SGD's gate blurred by the
    //     pre-activation noise W_i·Z/√λ: while a coordinate is within that width of 0 (at the start,
    //     m ~ d^{-1/2} ≈ 0.02 vs ‖W_i‖/√λ ≈ 0.01, and for parked coordinates) the drift differs, which
    //     shifts the coordinate by O(‖W_i‖/√λ);
    //   + c_δ t/d                           — O(δ) terms of the drift the d → ∞ limit drops.
    let worstRatio = 0;
    let worstDeviation = 0;
    for (let t = 1; t <= T; t++) {
      const odeState = [...ode.v[t], ...ode.mmu[t], ...ode.mnu[t]];
      odeState.forEach((x, index) => {
        const neuron = index % width;
        const blur = Math.max(...sgd.norms.map((n) => n[neuron])) / Math.sqrt(lambda);
        const tol = 4 * Math.sqrt(sgd.qv[t][index]) + 3 * blur + (cdelta * t) / d;
        const dev = Math.abs(sgd.states[t][index] - x);
        worstDeviation = Math.max(worstDeviation, dev);
        worstRatio = Math.max(worstRatio, dev / tol);
      });
    }
    // R⊥_ii = ‖W_i‖² − (m^μ_i)² − (m^ν_i)²: tolerance 4 √(realised quadratic variation) + c_δ t/d, as
    // above (no gate-blur term: the R⊥ equation keeps the λ^{-1/2} kink term, see odeXor.ts).
    let worstPerp = 0;
    let worstPerpRatio = 0;
    for (let t = 1; t <= T; t++) {
      for (let i = 0; i < width; i++) {
        const perp = sgd.norms[t][i] ** 2 - sgd.states[t][width + i] ** 2 - sgd.states[t][2 * width + i] ** 2;
        const dev = Math.abs(perp - ode.Rperp[t][i * width + i]);
        worstPerp = Math.max(worstPerp, dev);
        worstPerpRatio = Math.max(worstPerpRatio, dev / (4 * Math.sqrt(sgd.qvPerp[t][i]) + (cdelta * t) / d));
      }
    }
    console.log(
      `xor SGD vs ODE: max |ΔR⊥_ii| ${worstPerp.toFixed(4)} (deviation/tolerance ${worstPerpRatio.toFixed(3)})`,
    );
    expect(worstPerpRatio).toBeLessThan(1);
    const e = T;
    console.log(
      `xor SGD vs ODE: max deviation ${worstDeviation.toFixed(4)}, worst deviation/tolerance ${worstRatio.toFixed(3)}; ODE at T: v ${Array.from(ode.v[e], (x) => x.toFixed(3))} m^μ ${Array.from(ode.mmu[e], (x) => x.toFixed(3))} m^ν ${Array.from(ode.mnu[e], (x) => x.toFixed(3))}`,
    );
    expect(worstRatio).toBeLessThan(1);
  });
});
