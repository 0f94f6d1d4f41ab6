// The theory record the engine attaches to each checkpoint (engine/theory.ts). The ODE vs SGD at
// d = 2000 and the bulk law vs dense matrices are tested in src/math/theory; here: the record's fields
// per model, its ODE starts at the run's own summary, piecewise integration equals one integration
// over [0, T], and the λ → ∞ outliers match the measured ones on a large-λ run.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import { integrateSoftmaxOde } from '../math/theory/odeSoftmax';
import { softmaxLimitOutliers } from '../math/theory/outliers';
import { driveRun } from './execute';
import { clusterFractions, Run } from './run';
import { bulkEdge } from '../math/theory/weightedWishart';
import { fullBlockLimits } from '../models/softmax/fullBlockLimits';
import { SOFTMAX_ODE_DT_MAX, softmaxOdeDt, softmaxOdePoints } from '../models/softmax/ode';
import { bulkCurve } from './theory';

async function runOf(config: Config): Promise<Run> {
  const run = await Run.create(config);
  await driveRun(run);
  return run;
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('theory record: softmax', () => {
  const config: Config = { ...defaultConfig(), d: 80, k: 3, T: 3, every: 80, lambda: 20 };

  it('every checkpoint has it: bulk edge for the class blocks, k λ→∞ outliers, the ODE (m, R) starting at the step-0 summary', async () => {
    const run = await runOf(config);
    expect(run.checkpoints.length).toBe(4);
    for (const cp of run.checkpoints) {
      const theory = cp.theory!;
      expect(theory.blocks.map((b) => `${b.matrix}:${b.block}`)).toEqual(
        cp.spectra.map((s) => `${s.matrix}:${s.block}`),
      );
      for (const [t, b] of theory.blocks.entries()) {
        if (b.block.startsWith('class:')) {
          // the engine counts outliers against the same generalised-MP edge for diagonal blocks
          expect(b.bulkEdge).toBe(cp.spectra[t].bulkEdge);
          expect(b.limitOutliers).toHaveLength(3);
        } else expect(b.bulkEdge).toBeUndefined();
        const values = b.limitOutliers!;
        for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
        if (b.matrix === 'H') for (const v of values) expect(v).toBeGreaterThanOrEqual(config.beta);
      }
      // the record's class-block limits are softmaxLimitOutliers of this checkpoint's m (orthonormal means),
      // each class weighed by its share of the test set the matrices average over
      const shares = clusterFractions(run.test.samples.clusters, run.mixture.clusters);
      const { H, G } = softmaxLimitOutliers((cp.summary.m as number[][]).flat(), 3, shares, config.beta);
      expect(theory.blocks.find((b) => b.matrix === 'G' && b.block === 'class:1')!.limitOutliers).toEqual(G[1].values);
      expect(
        theory.blocks
          .find((b) => b.matrix === 'H' && b.block === 'class:2')!
          .limitOutliers!.map((v) => v - config.beta),
      ).toEqual(H[2].values.map((v) => v - config.beta));
      expect(Object.keys(theory.ode!).sort()).toEqual(['R', 'm']);
      expect(theory.ode!.m as number[][]).toHaveLength(3);
      expect(JSON.parse(JSON.stringify(theory))).toEqual(theory); // plain JSON: no NaN, no typed arrays
    }
    // the last checkpoint's edges are the generalised Marchenko–Pastur edges of its own block weights
    const last = run.checkpoints[run.checkpoints.length - 1];
    const gamma = config.d / run.resolved.M;
    for (const b of last.theory!.blocks.filter((x) => x.block.startsWith('class:'))) {
      const weights = run.lastCurvature!.weights(b.matrix, b.block)!;
      expect(b.bulkEdge).toBe(bulkEdge(weights, gamma, config.lambda, b.matrix === 'H' ? config.beta : 0));
    }
    // t = 0: the ODE's state is the run's own initial summary, exactly
    expect(run.checkpoints[0].theory!.ode).toEqual({
      m: run.checkpoints[0].summary.m,
      R: run.checkpoints[0].summary.R,
    });
    run.dispose();
  });

  it('integrated checkpoint by checkpoint = one integration over [0, T] with output times = checkpoint times (to 1e-12)', async () => {
    const run = await runOf(config);
    const first = run.checkpoints[0].summary;
    const once = integrateSoftmaxOde({
      m0: (first.m as number[][]).flat(),
      R0: (first.R as number[][]).flat(),
      priors: run.mixture.priors,
      lambda: config.lambda,
      beta: config.beta,
      cdelta: config.cdelta,
      T: run.checkpoints[run.checkpoints.length - 1].time,
      dt: softmaxOdeDt(config.lambda, config.beta, first.R as number[][]),
      points: softmaxOdePoints(config.lambda, first.R as number[][]),
      outputTimes: run.checkpoints.map((c) => c.time),
    });
    run.checkpoints.forEach((cp, i) => {
      const ode = cp.theory!.ode!;
      (ode.m as number[][]).flat().forEach((v, j) => expect(Math.abs(v - once.m[i][j])).toBeLessThan(1e-12));
      (ode.R as number[][]).flat().forEach((v, j) => expect(Math.abs(v - once.R[i][j])).toBeLessThan(1e-12));
    });
    run.dispose();
  });

  it('config.theory = false: no record, and the measured numbers are the same', async () => {
    const on = await runOf({ ...config, T: 1 });
    const off = await runOf({ ...config, T: 1, theory: false });
    for (const [i, cp] of off.checkpoints.entries()) {
      expect(cp.theory).toBeUndefined();
      expect(cp.spectra).toEqual(on.checkpoints[i].spectra);
      expect(cp.summary).toEqual(on.checkpoints[i].summary);
    }
    on.dispose();
    off.dispose();
  });

  it('the chosen RK4 step agrees with dt/8 to 1e-7, below the quadrature error (≥ 7e-6 at λ = 50, theory.ts), also at small λ and large β', () => {
    const k = 4;
    const m0 = Array.from({ length: k * k }, (_, i) => 0.05 * Math.sin(i + 1));
    const R0 = Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : 0));
    const R0rows = Array.from({ length: k }, (_, a) => R0.slice(a * k, (a + 1) * k));
    for (const [lambda, beta] of [
      [50, 0.1],
      [0.5, 0.1],
      [50, 5],
    ]) {
      const dt = softmaxOdeDt(lambda, beta, R0rows);
      if (lambda === 50 && beta === 0.1) expect(dt).toBe(SOFTMAX_ODE_DT_MAX);
      else expect(dt).toBeLessThan(SOFTMAX_ODE_DT_MAX);
      const common = {
        m0,
        R0,
        priors: [0.25, 0.25, 0.25, 0.25],
        lambda,
        beta,
        cdelta: 1,
        T: 5,
        points: softmaxOdePoints(lambda, R0rows),
        outputTimes: [1, 5],
      };
      const coarse = integrateSoftmaxOde({ ...common, dt });
      const fine = integrateSoftmaxOde({ ...common, dt: dt / 8 });
      for (let o = 0; o < 2; o++)
        for (let j = 0; j < k * k; j++) {
          expect(Math.abs(coarse.m[o][j] - fine.m[o][j]), `λ=${lambda} β=${beta} m`).toBeLessThan(1e-7);
          expect(Math.abs(coarse.R[o][j] - fine.R[o][j]), `λ=${lambda} β=${beta} R`).toBeLessThan(1e-7);
        }
    }
  });
});

describe('theory record: resume and quadrature', () => {
  it('a run resumed from a mid checkpoint (backend loss) goes on with the same ODE: final state equal to the uninterrupted run', async () => {
    const config: Config = { ...defaultConfig(), d: 60, k: 3, T: 3, every: 60, lambda: 20 };
    const whole = await runOf(config);
    const first = await Run.create(config);
    while (first.checkpoints.length < 2) {
      const due = first.stepsToNextCheckpoint();
      if (due === 0) await first.measure();
      else first.advance(due);
    }
    const point = first.resumePoint()!;
    first.dispose();
    const resumed = await Run.create(config);
    await resumed.resume(point);
    await driveRun(resumed);
    expect(resumed.checkpoints.length).toBe(whole.checkpoints.length);
    expect(resumed.checkpoints[resumed.checkpoints.length - 1].theory!.ode).toEqual(
      whole.checkpoints[whole.checkpoints.length - 1].theory!.ode,
    );
    whole.dispose();
    resumed.dispose();
  });

  it('the chosen Gaussian point count keeps the ODE within 1e-4 of a 4096-point reference where λ/‖R₀‖ ≥ 20 (k = 4 and 10, λ = 20 and 50)', () => {
    for (const k of [4, 10])
      for (const lambda of [20, 50]) {
        const m0 = Array.from({ length: k * k }, (_, i) => 0.05 * Math.sin(i + 1));
        const R0rows = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => (a === b ? 1 : 0)));
        const points = softmaxOdePoints(lambda, R0rows);
        expect(points).toBe(128);
        const common = {
          m0,
          R0: R0rows.flat(),
          priors: new Array(k).fill(1 / k),
          lambda,
          beta: 0.1,
          cdelta: 1,
          T: 3,
          dt: 0.2,
          outputTimes: [3],
        };
        const chosen = integrateSoftmaxOde({ ...common, points });
        const reference = integrateSoftmaxOde({ ...common, points: 4096 });
        for (let j = 0; j < k * k; j++) {
          expect(Math.abs(chosen.m[0][j] - reference.m[0][j]), `k=${k} λ=${lambda} m`).toBeLessThan(1e-4);
          expect(Math.abs(chosen.R[0][j] - reference.R[0][j]), `k=${k} λ=${lambda} R`).toBeLessThan(1e-4);
        }
      }
    expect(
      softmaxOdePoints(5, [
        [1, 0],
        [0, 1],
      ]),
    ).toBe(512);
  });
});

describe('theory record: xor and mlp', () => {
  it('xor: layer1:i bulk edge and two λ→∞ outliers, layer2 four, the ODE (v, mmu, mnu, Rperp) from the step-0 summary', async () => {
    const run = await runOf({ ...defaultConfig(), model: 'xor', d: 80, K: 3, T: 2, every: 80, lambda: 20 });
    for (const cp of run.checkpoints) {
      const theory = cp.theory!;
      for (const b of theory.blocks) {
        if (/^layer1:\d$/.test(b.block)) {
          expect(b.bulkEdge).toBeGreaterThanOrEqual(b.matrix === 'H' ? 0.1 : 0);
          expect(b.limitOutliers).toHaveLength(2);
        } else expect(b.bulkEdge).toBeUndefined();
        if (b.block === 'layer2') expect(b.limitOutliers).toHaveLength(3); // min(K, 4), capped at j = 3
        if (b.block === 'layer1' || b.block === 'full') expect(b.limitOutliers).toBeUndefined();
      }
      expect(Object.keys(theory.ode!).sort()).toEqual(['Rperp', 'mmu', 'mnu', 'v']);
      expect(theory.ode!.Rperp as number[][]).toHaveLength(3);
    }
    const first = run.checkpoints[0];
    expect(first.theory!.ode).toEqual({
      mmu: first.summary.mmu,
      mnu: first.summary.mnu,
      v: first.summary.v,
      Rperp: first.summary.Rperp,
    });
    run.dispose();
  });

  it('mlp: bulk edge of layer1:i only; the record says that no ODE and no λ→∞ outliers are predicted', async () => {
    const run = await runOf({ ...defaultConfig(), model: 'mlp', d: 60, k: 3, K: 3, T: 1, every: 60 });
    const theory = run.checkpoints[1].theory!;
    expect(theory.ode).toBeUndefined();
    expect(theory.notes!.join(' ')).toMatch(/mlp: no λ → ∞ outlier law and no effective-dynamics ODE/);
    for (const b of theory.blocks) {
      expect(b.limitOutliers).toBeUndefined();
      expect(b.bulkEdge !== undefined).toBe(/^layer1:\d$/.test(b.block));
    }
    run.dispose();
  });
});

describe('λ → ∞ outliers vs the measured ones (λ = 1e4, d = 200, M = 2000)', () => {
  it('class blocks of H and G: within 1% using the test set’s class fractions, and within that fraction error + 1% using the priors', async () => {
    const config: Config = {
      ...defaultConfig(),
      d: 200,
      k: 3,
      lambda: 1e4,
      T: 2,
      every: 200,
      phi: 10,
      tol: 1e-7,
      full: false,
    };
    const run = await runOf(config);
    const last = run.checkpoints[run.checkpoints.length - 1];
    const labels = run.test.samples.labels;
    const M = labels.length;
    const fractions = [0, 0, 0];
    for (const l of labels) fractions[l] += 1 / M;
    const m = (last.summary.m as number[][]).flat();
    const empirical = softmaxLimitOutliers(m, 3, fractions, config.beta);
    // Tolerances (outliers.ts header): what the λ → ∞ limit ignores is O(1/λ) = 1e-4 (bulk width, BBP
    // push (1+γ)/(p_a λ) ≈ 3e-4) plus the logit noise inside the weights, O(√(R/λ)) = 0.01 per sample
    // and O(√(R/λ)/√n_a) ≈ 4e-4 on their class mean, and a bias O(R/λ) ≈ 1e-4: 1% leaves a margin of ≥ 5×
    // (measured: ≤ 0.14%). With the priors p_a instead of the test set's fractions n_a/M, each outlier
    // along μ_a moves by the factor n_a/(M p_a) on top (binomial, σ ≈ 3% at M = 2000).
    const fractionError = Math.max(...fractions.map((f, a) => Math.abs(f / run.mixture.priors[a] - 1)));
    for (const [t, s] of last.spectra.entries()) {
      const shift = s.matrix === 'H' ? config.beta : 0;
      const c = Number(s.block.split(':')[1]);
      const exact = (s.matrix === 'H' ? empirical.H : empirical.G)[c].values;
      const predicted = last.theory!.blocks[t].limitOutliers!;
      expect(s.eigenvalues).toHaveLength(3);
      s.eigenvalues.forEach((theta, i) => {
        const measured = theta - shift; // compare the parts above the shift (β dominates H's values)
        expect(Math.abs((exact[i] - shift) / measured - 1), `${s.matrix} ${s.block} θ${i + 1}`).toBeLessThan(0.01);
        expect(
          Math.abs((predicted[i] - shift) / measured - 1),
          `${s.matrix} ${s.block} θ${i + 1} (priors)`,
        ).toBeLessThan(fractionError + 0.01);
      });
      expect(s.outliers).toBe(3);
    }
    run.dispose();
  });
});

describe('finite-λ outliers and predictions inside the bulk', () => {
  it('λ = 50 (preset alignment, T = 5): the finite-λ outliers of every class block within 8 % of the measured ones, where G’s λ → ∞ mini-bulk is ≥ 20 % low', async () => {
    const config: Config = { ...defaultConfig(), T: 5 };
    const run = await runOf(config);
    for (const cp of run.checkpoints) {
      for (const [t, s] of cp.spectra.entries()) {
        const b = cp.theory!.blocks[t];
        if (!s.block.startsWith('class:')) {
          expect(b.finiteOutliers).toBeUndefined();
          continue;
        }
        const shift = s.matrix === 'H' ? config.beta : 0;
        expect(b.finiteOutliers).toHaveLength(4);
        expect(b.finiteAbsorbed).toBe(0);
        // Tolerance: the O(M_a^{-1/2}) fluctuation of an outlier (sd ≈ 2–4 % at M_a = 150, dense check in
        // outliers.test.ts) plus the weights' dependence on the logit noise the law ignores; measured ≤ 6.7 %.
        b.finiteOutliers!.forEach((p, i) =>
          expect(
            Math.abs((p - shift) / (s.eigenvalues[i] - shift) - 1),
            `${s.matrix} ${s.block} θ${i + 1}`,
          ).toBeLessThan(0.08),
        );
        if (s.matrix === 'G' && cp.step > 0)
          b.limitOutliers!.slice(1).forEach((p, i) => expect(p / s.eigenvalues[i + 1]).toBeLessThan(0.8));
        // the λ → ∞ flags say which value sits at or below the edge
        expect(b.limitInsideBulk).toEqual(b.limitOutliers!.map((v) => v <= s.bulkEdge));
      }
    }
    // the mini-bulk of G falls inside the bulk at λ → ∞ (flagged) while the finite-λ law keeps it above
    const g0 = run.checkpoints[run.checkpoints.length - 1].theory!.blocks.find(
      (b) => b.matrix === 'G' && b.block === 'class:0',
    )!;
    expect(g0.limitInsideBulk!.slice(1)).toContain(true);
    run.dispose();
  });

  it('λ = 0.5 (preset low-snr): every spike absorbed, no finite-λ outlier, every λ → ∞ value flagged inside the bulk', async () => {
    const run = await runOf({ ...defaultConfig(), lambda: 0.5, T: 2 });
    for (const cp of run.checkpoints)
      for (const [t, s] of cp.spectra.entries()) {
        const b = cp.theory!.blocks[t];
        if (!s.block.startsWith('class:')) continue;
        expect(s.outliers).toBe(0);
        expect(b.finiteOutliers).toEqual([]);
        expect(b.finiteAbsorbed).toBe(4);
        expect(b.limitInsideBulk).toEqual([true, true, true, true]);
      }
    run.dispose();
  });
});

describe('where the ODE cannot predict (theory.odeFlags)', () => {
  it('softmax λ = 0.01, d = 300: flagged from the first checkpoint after t = 0 (SGD moves R by ≥ 25 %), with a note; m and R of SGD and ODE differ there', async () => {
    const run = await runOf({ ...defaultConfig(), lambda: 0.01, T: 2.5 });
    const [start, ...later] = run.checkpoints;
    expect(start.theory!.odeFlags).toBeUndefined();
    for (const cp of later) {
      const flags = cp.theory!.odeFlags!;
      expect(flags.map((f) => f.class)).toEqual([0, 1, 2, 3]);
      for (const f of flags) {
        expect(f.statistic).toBe('R');
        expect(f.noise).toBeGreaterThan(0.25);
        expect(cp.theory!.notes).toContain(f.note);
      }
    }
    // what the flag warns of: SGD's ‖x^c‖² is far from the ODE's
    const last = run.checkpoints[run.checkpoints.length - 1];
    const R = last.summary.R as number[][];
    const ode = last.theory!.ode!.R as number[][];
    expect(Math.max(...R.map((row, c) => Math.abs(row[c] / ode[c][c] - 1)))).toBeGreaterThan(0.25);
    run.dispose();
  });

  it('softmax λ = 50, d = 300 (preset alignment): not flagged', async () => {
    const run = await runOf({ ...defaultConfig(), T: 10, every: 1500 });
    for (const cp of run.checkpoints) expect(cp.theory!.odeFlags).toBeUndefined();
    run.dispose();
  });

  it('xor seed 2, d = 1000: neuron 1 starts at the ReLU kink and is flagged; SGD takes the other cluster than the ODE', async () => {
    const config: Config = {
      ...defaultConfig(),
      model: 'xor',
      K: 4,
      d: 1000,
      lambda: 1000,
      beta: 0.1,
      T: 3,
      every: 1500,
      full: false,
      seed: 2,
    };
    const run = await runOf(config);
    for (const cp of run.checkpoints) {
      const flags = cp.theory!.odeFlags!;
      expect(flags.map((f) => f.neuron)).toEqual([1]);
      expect(flags[0].statistic).toBe('mmu'); // v_1 > 0: m^μ decides its cluster
      expect(flags[0].flipProbability).toBeGreaterThan(0.1);
      expect(cp.theory!.notes).toContain(flags[0].note);
    }
    const last = run.checkpoints[run.checkpoints.length - 1];
    const sgd = (last.summary.mmu as number[])[1];
    const ode = (last.theory!.ode!.mmu as number[])[1];
    expect(Math.sign(sgd)).toBe(-Math.sign(ode));
    expect(Math.min(Math.abs(sgd), Math.abs(ode))).toBeGreaterThan(0.1);
    run.dispose();
  });

  it('xor seed 2, d = 100 (preset xor-fail): no neuron near the kink, not flagged', async () => {
    const config: Config = {
      ...defaultConfig(),
      model: 'xor',
      K: 4,
      d: 100,
      lambda: 1000,
      beta: 0.1,
      T: 1,
      every: 100,
      full: false,
      seed: 2,
    };
    const run = await runOf(config);
    for (const cp of run.checkpoints) expect(cp.theory!.odeFlags).toBeUndefined();
    run.dispose();
  });
});

describe('helpers', () => {
  it('fullBlockLimits: at m = 0 (π = 1/k) H has k(k−1) outliers p(1/k) + β and k zeros, G has k equal p(1 − 1/k)', () => {
    const k = 3;
    const { H, G } = fullBlockLimits(new Array(k * k).fill(0), k, [1 / 3, 1 / 3, 1 / 3], 0.1);
    expect(H).toHaveLength(k * k);
    // J = diag(1/k) − 11ᵀ/k²: eigenvalue 1/k (k − 1 times) and 0, scaled by p = 1/3
    H.slice(0, k * (k - 1)).forEach((v) => expect(v).toBeCloseTo(0.1 + 1 / 9, 12));
    H.slice(k * (k - 1)).forEach((v) => expect(v).toBeCloseTo(0.1, 12));
    G.forEach((v) => expect(v).toBeCloseTo((1 / 3) * (2 / 3), 12)); // ‖π − e_a‖² = (1 − 1/k)² + (k − 1)/k² = 1 − 1/k
  });

  it('bulkCurve: constant weights give Marchenko–Pastur — edge w(1+√γ)²/λ + shift, density integrating to 1 − atom', () => {
    const w = new Array(400).fill(0.5);
    const gamma = 0.5;
    const lambda = 10;
    const curve = bulkCurve(w, gamma, lambda, 0.1);
    expect(curve.edge).toBeCloseTo((0.5 * (1 + Math.sqrt(gamma)) ** 2) / lambda + 0.1, 9);
    expect(curve.atom).toBe(0);
    let mass = 0;
    for (let i = 1; i < curve.x.length; i++)
      mass += 0.5 * (curve.density[i] + curve.density[i - 1]) * (curve.x[i] - curve.x[i - 1]);
    expect(mass).toBeGreaterThan(0.99); // trapezoid on the grid; the square-root edges cost < 1%
    expect(mass).toBeLessThan(1.005);
  });
});
