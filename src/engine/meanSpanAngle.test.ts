// The angle to span{μ} in real runs: which blocks carry it, the space it measures (the top
// min(outliers, j) eigenvectors of the block, lifted mean span per block) and what it shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { orthonormalMeans, principalAnglesToMeanSpan } from '../math/meanSpan';
import { defaultConfig, type Config } from '../state/schema';
import { useBackend } from '../testing/backends';
import { driveRun } from './execute';
import { meanSpanFields, meanSpanSlots } from './meanSpanAngle';
import { Run } from './run';

beforeAll(() => useBackend('wasm'));

describe('meanSpanSlots', () => {
  it('softmax: 1 slot per class block, k for full; 2-layer: 1 per neuron, K for layer1, none for layer2 and full', async () => {
    const softmax = await Run.create({ ...defaultConfig(), d: 20, k: 3, M: 40 });
    const slots = (run: Run) =>
      Object.fromEntries(run.model.blocks.map((b) => [b.id, meanSpanSlots(run.model, b, run.config.d)]));
    expect(slots(softmax)).toEqual({ 'class:0': 1, 'class:1': 1, 'class:2': 1, full: 3 });
    softmax.dispose();
    const xor = await Run.create({ ...defaultConfig(), model: 'xor', K: 4, d: 20, M: 40 });
    expect(slots(xor)).toEqual({
      'layer1:0': 1,
      'layer1:1': 1,
      'layer1:2': 1,
      'layer1:3': 1,
      layer1: 4,
      layer2: undefined,
      full: undefined,
    });
    xor.dispose();
  });

  it('the space is the top min(outliers, j) eigenvectors; no outlier, no angle', () => {
    const d = 3;
    const basis = orthonormalMeans(Float64Array.from([1, 0, 0]), 1, d);
    // rows: e_0 (in the span), e_1 (orthogonal)
    const vectors = Float64Array.from([1, 0, 0, 0, 1, 0]);
    expect(meanSpanFields(vectors, 2, 1, basis, 1)).toEqual({ meanSpanAngle: 0, meanSpanAngles: [0] });
    expect(meanSpanFields(vectors, 2, 2, basis, 1).meanSpanAngles).toEqual([0]); // min(r, span dim) angles
    expect(meanSpanFields(vectors, 2, 0, basis, 1)).toEqual({ meanSpanAngles: [] });
    // the second row alone is orthogonal to the span: a space of the 2nd vector only is never taken
    const swapped = Float64Array.from([0, 1, 0, 1, 0, 0]);
    expect(meanSpanFields(swapped, 2, 1, basis, 1).meanSpanAngle).toBe(90);
  });
});

describe('the angle to span{μ} per checkpoint (wasm)', () => {
  it('softmax at λ = 100: every block carries it; the outlier space of H lies near span{μ} at the end', async () => {
    const config: Config = { ...defaultConfig(), d: 60, k: 3, lambda: 100, T: 6, every: 60, beta: 0.05 };
    const run = await Run.create(config);
    await driveRun(run);
    const basis = orthonormalMeans(run.mixture.means, run.mixture.meanCount, config.d);
    const last = run.checkpoints[run.checkpoints.length - 1];
    for (const c of run.checkpoints)
      for (const s of c.spectra) {
        expect(s.meanSpanAngles!.length, `${s.matrix} ${s.block}`).toBe(Math.min(s.outliers, s.eigenvalues.length));
        expect(s.meanSpanAngle).toBe(s.outliers > 0 ? s.meanSpanAngles![s.meanSpanAngles!.length - 1] : undefined);
      }
    for (const s of last.spectra) {
      // the recorded angles are those of the block's last eigenvectors
      const slots = s.block === 'full' ? 3 : 1;
      const vectors = run.eigenvectorsOf(s.matrix, s.block)!;
      const r = Math.min(s.outliers, s.eigenvalues.length);
      expect(s.meanSpanAngles).toEqual(principalAnglesToMeanSpan(vectors, r, basis, slots));
    }
    for (const s of last.spectra.filter((x) => x.matrix === 'H' && x.block.startsWith('class:'))) {
      expect(s.outliers).toBe(3);
      // noise tilts the outlier eigenvectors by O((d/(λM))^{1/2}) only
      expect(s.meanSpanAngle!).toBeLessThan(15);
    }
    run.dispose();
  });

  it('xor: the neuron blocks and layer1 carry it, layer2 and full do not', async () => {
    const config: Config = { ...defaultConfig(), model: 'xor', K: 4, d: 30, lambda: 100, T: 4, every: 60, seed: 3 };
    const run = await Run.create(config);
    await driveRun(run);
    for (const s of run.checkpoints[run.checkpoints.length - 1].spectra) {
      const has = s.block !== 'layer2' && s.block !== 'full';
      expect(s.meanSpanAngles !== undefined, `${s.matrix} ${s.block}`).toBe(has);
      if (has && s.outliers > 0) expect(s.meanSpanAngle).toBeGreaterThanOrEqual(0);
    }
    run.dispose();
  });
});
