// Every number a preset's caption states is checked here at the preset's own seed, on wasm (the CLI's
// and the app's default backend in Node and Chromium), so a caption cannot drift from what its figure shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { driveRun, executeRun } from '../engine/execute';
import { Run } from '../engine/run';
import type { RunFile } from '../engine/runFile';
import { xorTheoryOptimalFraction } from '../models/xor/ensembleLaw';
import { useBackend } from '../testing/backends';
import { presetConfig, PRESETS } from './presets';

const blocks = (c: RunFile['checkpoints'][number], matrix: string, pattern: RegExp) =>
  c.spectra.filter((s) => s.matrix === matrix && pattern.test(s.block));
const firstTime = (file: RunFile, ok: (c: RunFile['checkpoints'][number]) => boolean) =>
  file.checkpoints.find(ok)?.time;
/** The first checkpoint time from which `ok` holds at every later checkpoint too. */
const holdsFrom = (file: RunFile, ok: (c: RunFile['checkpoints'][number]) => boolean) => {
  let from = file.checkpoints.length;
  while (from > 0 && ok(file.checkpoints[from - 1])) from--;
  return file.checkpoints[from]?.time;
};
const at = (file: RunFile, t: number) => file.checkpoints.find((c) => Math.abs(c.time - t) < 1e-9)!;
const lastOf = (file: RunFile) => file.checkpoints[file.checkpoints.length - 1];
type Serves = { neuronServes: (string | null)[]; unserved: string[]; deadNeurons: number; message: string };
const diagnosisOf = (c: RunFile['checkpoints'][number]) => c.diagnosis as unknown as Serves;

describe('preset captions state what the preset shows', () => {
  beforeAll(() => useBackend('wasm'));
  describe('alignment', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('alignment'), { backend: 'wasm' });
    });
    it('H has k = 4 outliers in every class block from t = 0 on; G keeps 3–4', () => {
      expect(PRESETS.alignment.caption).toMatch(/k = 4 outliers above the bulk from t = 0 on/);
      for (const c of file.checkpoints) {
        for (const s of blocks(c, 'H', /^class:/)) expect(s.outliers).toBe(4);
        for (const s of blocks(c, 'G', /^class:/)) expect(s.outliers).toBeGreaterThanOrEqual(3);
      }
    });
    it('alignment with the outlier space climbs from ≈ 0.1 to ≥ 0.9 by t = 10 (H), 17.5 (G) and ≈ 0.97 (H) at t = 25', () => {
      expect(PRESETS.alignment.caption).toMatch(/from ≈ 0\.1 to ≥ 0\.9 by t ≈ 10 \(H\) and 17\.5 \(G\)/);
      const start = file.checkpoints[0];
      for (const s of blocks(start, 'H', /^class:/).concat(blocks(start, 'G', /^class:/))) {
        expect(s.alignment).not.toBeNull();
        expect(s.alignment!).toBeLessThan(0.25);
      }
      const aligned = (s: { alignment: number | null }) => s.alignment !== null && s.alignment >= 0.9;
      const H = firstTime(file, (c) => blocks(c, 'H', /^class:/).every(aligned));
      const G = firstTime(file, (c) => blocks(c, 'G', /^class:/).every(aligned));
      expect(H).toBe(10);
      // G's class blocks with 3 outliers are measured against those 3 (their top-4 space passed 0.9 at 12.5)
      expect(G).toBe(17.5);
      const end = file.checkpoints[file.checkpoints.length - 1];
      expect(end.time).toBe(25);
      for (const s of blocks(end, 'H', /^class:/)) expect(s.alignment!).toBeCloseTo(0.975, 1);
    });
  });

  describe('low-snr', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('low-snr'), { backend: 'wasm' });
    });
    it('the full blocks, counted against their own (matrix-weighted) bulk law, have no outlier either', () => {
      // the largest class-block edge, only a lower bound of the full block's, counted 4 here
      for (const c of file.checkpoints)
        for (const matrix of ['H', 'G'] as const) {
          const [full] = blocks(c, matrix, /^full$/);
          expect(full.outliers).toBe(0);
          const classEdge = Math.max(...blocks(c, matrix, /^class:/).map((b) => b.bulkEdge));
          expect(full.bulkEdge).toBeGreaterThan(classEdge);
        }
    });
    it('no class block has an outlier, so its alignment is undefined (no line)', () => {
      expect(PRESETS['low-snr'].caption).toMatch(/the class blocks’ alignment is undefined: no line/);
      for (const c of file.checkpoints)
        for (const s of blocks(c, 'H', /^class:/).concat(blocks(c, 'G', /^class:/))) {
          expect(s.outliers).toBe(0);
          expect(s.alignment).toBeNull();
          expect(s.alignmentNote).toBe('no-outliers');
        }
    });
  });

  describe('xor-k4', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('xor-k4'), { backend: 'wasm' });
    });
    it('layer 2 of H keeps 3 outliers with v inside their 3-dimensional span at t = 100', () => {
      expect(PRESETS['xor-k4'].caption).toMatch(
        /has 3 outliers from t = 25 on, not 4 .* with v inside their 3-dimensional span \(alignment ≥ 0\.999 at t = 100\)/,
      );
      const end = file.checkpoints[file.checkpoints.length - 1];
      expect(end.time).toBe(100);
      const layer2 = blocks(end, 'H', /^layer2$/)[0];
      expect(layer2.outliers).toBe(3);
      expect(layer2.alignmentDim).toBe(3);
      expect(layer2.alignment).toBeGreaterThanOrEqual(0.999);
    });
  });

  describe('mlp', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('mlp'), { backend: 'wasm' });
    });
    it('active neuron blocks ≥ 0.98 at t = 100 but H of neuron 1, undefined (outlier space not resolved)', () => {
      expect(PRESETS.mlp.caption).toMatch(
        /its 4 weak outliers barely clear β, so at t = 40, 70, 90 and 100 its outlier space is not resolved and its alignment is undefined/,
      );
      const end = file.checkpoints[file.checkpoints.length - 1];
      expect(end.time).toBe(100);
      const h1 = blocks(end, 'H', /^layer1:1$/)[0];
      expect(h1.outliers).toBe(4);
      expect(h1.alignment).toBeNull();
      expect(h1.alignmentNote).toBe('gap');
      // neuron 7 dies (the unaligned line); every other neuron block is defined and ≥ 0.98
      for (const s of blocks(end, 'H', /^layer1:/).concat(blocks(end, 'G', /^layer1:/))) {
        if (s.block === 'layer1:7' || (s.matrix === 'H' && s.block === 'layer1:1')) continue;
        expect(s.alignment, `${s.matrix} ${s.block}`).toBeGreaterThanOrEqual(0.98);
      }
      expect(blocks(end, 'H', /^layer1:7$/)[0].alignment).toBeLessThan(0.1);
    });
  });

  describe('xor-wide', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('xor-wide'), { backend: 'wasm' });
    });
    it('layer 2 of H ends with 4 outliers and v lies in their span from t = 5', () => {
      expect(PRESETS['xor-wide'].caption).toMatch(
        /4 outliers and v lies in their span \(alignment ≥ 0\.99 from t = 5\)/,
      );
      const end = file.checkpoints[file.checkpoints.length - 1];
      expect(blocks(end, 'H', /^layer2$/)[0].outliers).toBe(4);
      expect(firstTime(file, (c) => (blocks(c, 'H', /^layer2$/)[0].alignment ?? 0) >= 0.99)).toBe(5);
    });
    it('neuron blocks align one by one: 11 of 20 below 0.9 at t = 20, the last after t = 60, all above 0.99 at t = 100, 2 inactive', () => {
      expect(PRESETS['xor-wide'].caption).toMatch(
        /11 of 20 are still below 0\.9 at t = 20, the last passes it after t = 60, and by t = 100 all are above 0\.99/,
      );
      expect(PRESETS['xor-wide'].caption).toMatch(/the 2 neurons that stay inactive/);
      const at = (t: number) => file.checkpoints.find((c) => c.time === t)!;
      expect(blocks(at(20), 'H', /^layer1:/).filter((s) => s.alignment !== null && s.alignment < 0.9)).toHaveLength(11);
      expect(blocks(at(60), 'H', /^layer1:/).some((s) => s.alignment !== null && s.alignment < 0.9)).toBe(true);
      for (const s of blocks(at(100), 'H', /^layer1:/)) expect(s.alignment).toBeGreaterThan(0.99);
      expect(at(100).diagnosis?.deadNeurons).toBe(2);
    });
  });

  describe('minibulk', () => {
    // topj = 11 instead of the preset's 10: the same SGD and the same top 10, plus the 11th eigenvalue,
    // so that "10 outliers" is not just the top-j cap.
    let run: Run;
    let records: Run['checkpoints'];
    beforeAll(async () => {
      run = await Run.create({ ...presetConfig('minibulk'), topj: 11 });
      await driveRun(run);
      records = run.checkpoints;
    });
    const classBlocks = (c: (typeof records)[number]) =>
      c.spectra.filter((s) => s.matrix === 'H' && s.block.startsWith('class:'));
    it('every class block of H has 10 outliers from t = 0 on, the 11th eigenvalue is in the bulk', () => {
      expect(PRESETS.minibulk.caption).toMatch(
        /Every class block of H has 10 outliers above the noise bulk from t = 0 on/,
      );
      for (const c of records)
        for (const s of classBlocks(c)) {
          expect(s.outliers).toBe(10);
          expect(s.eigenvalues).toHaveLength(11);
          expect(s.eigenvalues[10]).toBeLessThan(s.bulkEdge);
        }
    });
    it('at t = 20 class:0 has one outlier ≈ 0.025 along μ_0 and 9 in 0.006–0.010 along the other means, edge ≈ 0.003', async () => {
      expect(PRESETS.minibulk.caption).toMatch(
        /at t = 20 class:0 has one outlier ≈ 0\.025 along μ_0 and a “mini-bulk” of 9 along the other means \(0\.006–0\.010\), all above the edge ≈ 0\.003/,
      );
      expect(PRESETS.minibulk.caption).toMatch(/as SGD learns, the one along the block’s own mean grows apart/);
      const start = classBlocks(records[0]).find((b) => b.block === 'class:0')!.eigenvalues;
      expect(start[0]).toBeLessThan(1.2 * start[1]); // at t = 0 no outlier stands out
      const end = records[records.length - 1];
      expect(end.time).toBe(20);
      const s = classBlocks(end).find((b) => b.block === 'class:0')!;
      const ev = s.eigenvalues;
      expect(ev[0]).toBeCloseTo(0.025, 3);
      for (const v of ev.slice(1, 10)) {
        expect(v).toBeGreaterThanOrEqual(0.006);
        expect(v).toBeLessThanOrEqual(0.01);
      }
      expect(s.bulkEdge).toBeCloseTo(0.003, 3);
      expect(ev[9]).toBeGreaterThan(2 * s.bulkEdge);
      expect(ev[0]).toBeGreaterThan(2 * ev[1]);
      // Along the means (orthonormal rows μ_b), from Rayleigh quotients r_b = μ_bᵀ H μ_b alone:
      // ⟨μ_0, e_1⟩² ≥ (r_0 − λ_2)/(λ_1 − λ_2), and by Ky Fan the mean span's overlap with the top-10
      // eigenspace, ‖P_top Q‖²_F / 10, is ≥ 1 − (Σ_{i≤10} λ_i − Σ_b r_b) / (10 (λ_10 − λ_11)).
      const { d, means, meanCount } = run.mixture;
      expect(meanCount).toBe(10);
      const [out] = await run.lastCurvature!.apply([
        { matrix: 'H', block: 'class:0', vectors: new Float64Array(means), count: meanCount },
      ]);
      const r = Array.from({ length: meanCount }, (_, b) => {
        let num = 0;
        for (let q = 0; q < d; q++) num += means[b * d + q] * out[b * d + q];
        return num;
      });
      expect((r[0] - ev[1]) / (ev[0] - ev[1])).toBeGreaterThan(0.9);
      const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
      const overlap = 1 - (sum(ev.slice(0, 10)) - sum(r)) / (10 * (ev[9] - ev[10]));
      expect(overlap).toBeGreaterThan(0.9);
    });
  });

  describe('low-snr', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('low-snr'), { backend: 'wasm' });
    });
    it('p_a·λ = 0.125 below √(d/M) ≈ 0.71: no class block of H or G has an outlier at any checkpoint', () => {
      const { lambda, k, d, M } = file.config;
      expect(PRESETS['low-snr'].caption).toMatch(/p_a·λ = 0\.125, below the BBP threshold √γ = √\(d\/M\) ≈ 0\.71/);
      expect(lambda / k).toBe(0.125);
      expect(Math.sqrt(d / M)).toBeCloseTo(0.71, 2);
      expect(PRESETS['low-snr'].caption).toMatch(
        /no eigenvalue of any class block of H or G leaves the bulk at any time/,
      );
      for (const c of file.checkpoints) {
        const classBlocks = c.spectra.filter((s) => s.block.startsWith('class:'));
        expect(classBlocks).toHaveLength(2 * k);
        for (const s of classBlocks) expect(s.outliers).toBe(0);
      }
    });
    it('test accuracy < 40 % at t = 25 (chance 25 %)', () => {
      expect(PRESETS['low-snr'].caption).toMatch(/test accuracy < 40 % at t = 25, chance is 25 %/);
      expect(lastOf(file).time).toBe(25);
      expect(lastOf(file).accuracy).toBeLessThan(0.4);
      expect(file.config.k).toBe(4);
    });
  });

  describe('xor-k4', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('xor-k4'), { backend: 'wasm' });
    });
    const caption = PRESETS['xor-k4'].caption;
    it('from t = 5 the neurons serve +μ (twice), +ν, −ν, none −μ; −μ never classified, 75.5 %, the banner names −μ', () => {
      expect(caption).toMatch(/from t = 5 on its neurons serve \+μ \(two\), \+ν and −ν, none moves towards −μ/);
      expect(caption).toMatch(/−μ is never classified \(accuracy 75\.5 %; the banner names it\)/);
      for (const c of file.checkpoints) {
        const serves = diagnosisOf(c).neuronServes;
        expect(serves).not.toContain('−μ');
        if (c.time >= 5) expect([...serves].sort()).toEqual(['+ν', '+μ', '+μ', '−ν'].sort());
        expect(c.clusterAccuracy![1]).toBe(0); // clusters in the order +μ, −μ, +ν, −ν
      }
      expect(lastOf(file).accuracy).toBeCloseTo(0.755, 6);
      expect(diagnosisOf(lastOf(file)).unserved).toEqual(['−μ']);
      expect(diagnosisOf(lastOf(file)).message).toMatch(/no neuron serves −μ/);
    });
    it('layer 2 of H has 3 outliers from t = 25 on; every layer1:i of H ≥ 0.99 from t = 35; weights in span{μ, ν}', () => {
      expect(caption).toMatch(/the layer-2 block of H has 3 outliers from t = 25 on, not 4 \(the rank deficiency/);
      expect(holdsFrom(file, (c) => blocks(c, 'H', /^layer2$/)[0].outliers === 3)).toBe(25);
      expect(caption).toMatch(
        /every neuron block layer1:i still aligns with its top-2 eigenvectors \(≥ 0\.99 from t = 35\)/,
      );
      expect(holdsFrom(file, (c) => blocks(c, 'H', /^layer1:/).every((s) => (s.alignment ?? -1) >= 0.99))).toBe(35);
      // alignment with the top 2 = with the outlier space: every neuron block has exactly 2 outliers
      for (const c of file.checkpoints.filter((c) => c.time >= 35))
        for (const s of blocks(c, 'H', /^layer1:/)) expect(s.outliers).toBe(s.eigenvalues.length);
      expect(caption).toMatch(/its weights in span\{μ, ν\}/);
      const summary = lastOf(file).summary as { mmu: number[]; mnu: number[]; Rperp: number[][] };
      summary.mmu.forEach((a, i) => {
        const inPlane = a ** 2 + summary.mnu[i] ** 2;
        expect(inPlane / (inPlane + summary.Rperp[i][i])).toBeGreaterThan(0.99);
      });
    });
  });

  describe('xor-k4-success', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('xor-k4-success'), { backend: 'wasm' });
    });
    const caption = PRESETS['xor-k4-success'].caption;
    it('from t = 5 one neuron serves each cluster; every test point right from t = 45, with 4 layer-2 outliers of H', () => {
      expect(caption).toMatch(/from t = 5 on one neuron serves each of \+μ, −μ, \+ν, −ν/);
      expect(
        holdsFrom(
          file,
          (c) => [...diagnosisOf(c).neuronServes].sort().join() === ['+μ', '−μ', '+ν', '−ν'].sort().join(),
        ),
      ).toBe(5);
      expect(caption).toMatch(
        /every test point is classified correctly from t = 45 on, when the layer-2 block of H reaches 4 outliers/,
      );
      expect(holdsFrom(file, (c) => c.accuracy === 1)).toBe(45);
      expect(firstTime(file, (c) => blocks(c, 'H', /^layer2$/)[0].outliers === 4)).toBe(45);
      expect(holdsFrom(file, (c) => blocks(c, 'H', /^layer2$/)[0].outliers === 4)).toBe(45);
    });
    it('3/32 = 4!/4⁴ is the λ → ∞ probability of that outcome at K = 4', () => {
      expect(caption).toMatch(/only 4!\/4⁴ = 3\/32 of seeds reach at K = 4/);
      expect(xorTheoryOptimalFraction(4)).toBeCloseTo(24 / 256, 14);
      expect(24 / 256).toBe(3 / 32);
    });
  });

  describe('mlp', () => {
    let file: RunFile;
    beforeAll(async () => {
      file = await executeRun(presetConfig('mlp'), { backend: 'wasm' });
    });
    const caption = PRESETS.mlp.caption;
    const neurons = (c: RunFile['checkpoints'][number]) =>
      Array.from({ length: 8 }, (_, i) => blocks(c, 'H', new RegExp(`^layer1:${i}$`))[0]);
    it('classifies every test point from t = 10 on', () => {
      expect(caption).toMatch(/classifies every test point from t = 10 on/);
      expect(holdsFrom(file, (c) => c.accuracy === 1)).toBe(10);
    });
    it('6 of 8 neuron blocks of H pass 0.9 by t = 40 and are ≥ 0.98 at t = 100; layer1:1 at t = 80, undefined at 40, 70, 90, 100', () => {
      expect(caption).toMatch(
        /6 of the 8 pass 0\.9 by t = 40 and are all ≥ 0\.98 at t = 100; the block of neuron 1 passes 0\.9 only at t = 80/,
      );
      const passing = (t: number) =>
        neurons(at(file, t))
          .filter((s) => (s.alignment ?? -1) >= 0.9)
          .map((s) => s.block);
      expect(passing(30).length).toBeLessThan(6);
      expect(passing(40)).toHaveLength(6);
      expect(passing(60)).not.toContain('layer1:1');
      expect(firstTime(file, (c) => (neurons(c)[1].alignment ?? -1) >= 0.9)).toBe(80);
      const undefinedAt = file.checkpoints.filter((c) => neurons(c)[1].alignment === null).map((c) => c.time);
      expect(undefinedAt).toEqual([40, 70, 90, 100]);
      const six = passing(40);
      const end = neurons(lastOf(file));
      expect(lastOf(file).time).toBe(100);
      for (const s of end.filter((s) => six.includes(s.block))) {
        expect(s.alignment).toBeGreaterThanOrEqual(0.98);
        // the top-4 space is the outlier space: the number does not depend on which one is meant
        expect(s.outliers).toBe(s.eigenvalues.length);
      }
    });
    it('neuron 7 dies: from t = 20 its weights shrink at the ridge’s rate (‖w_7‖² × e^{−2βΔt}), at t = 100 its block of H is βI', () => {
      expect(caption).toMatch(
        /neuron 7 dies \(from t = 20 on its weights shrink towards 0 at the ridge’s rate, and at t = 100 its block layer1:7 of H is flat, every eigenvalue = β = 0\.05\)/,
      );
      const { beta } = file.config;
      expect(beta).toBe(0.05);
      const norm2 = (c: RunFile['checkpoints'][number]) => (c.summary as { R: number[][] }).R[7][7];
      const later = file.checkpoints.filter((c) => c.time >= 20);
      for (let n = 1; n < later.length; n++) {
        const dt = later[n].time - later[n - 1].time;
        expect(norm2(later[n]) / norm2(later[n - 1])).toBeCloseTo(Math.exp(-2 * beta * dt), 2);
      }
      // before t = 20 it still had a gradient: the decay is not the ridge's alone
      const [t0, t10] = [at(file, 0), at(file, 10)];
      expect(Math.abs(norm2(t10) / norm2(t0) - Math.exp(-2 * beta * 10))).toBeGreaterThan(0.01);
      for (const v of neurons(lastOf(file))[7].eigenvalues) expect(v).toBeCloseTo(beta, 5);
    });
  });
});
