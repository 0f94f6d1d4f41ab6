// A run that dies (β > 1/8: the BGJ22 fixed points collapse to 0, every neuron ends inactive) is
// reported as a dead run in its checkpoints' diagnosis, with finite numbers everywhere — never NaN.
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { driveRun } from './execute';
import { Run } from './run';

describe('a dying xor run (wasm)', () => {
  beforeAll(() => useBackend('wasm'));
  it('ends as a dead run: all neurons inactive, loss log 2, no NaN in the run file', async () => {
    const config: Config = {
      ...defaultConfig(),
      model: 'xor',
      K: 4,
      d: 40,
      lambda: 1000,
      beta: 0.5,
      T: 60,
      every: 600,
      full: false,
      seed: 3,
    };
    const run = await Run.create(config);
    await driveRun(run);
    const first = run.checkpoints[0].diagnosis as XorDiagnosis;
    const last = run.checkpoints[run.checkpoints.length - 1];
    const diagnosis = last.diagnosis as XorDiagnosis;
    expect(first.dead).toBe(false); // alive at init
    expect(diagnosis.dead).toBe(true);
    expect(diagnosis.deadNeurons).toBe(4);
    expect(diagnosis.optimal).toBe(false);
    expect(diagnosis.message).toMatch(/^dead run: all 4 neurons are inactive/);
    expect(last.loss).toBeCloseTo(Math.log(2), 3);
    const text = JSON.stringify(run.toRunFile({ backend: 'wasm' }), (_, v) =>
      typeof v === 'number' && !Number.isFinite(v) ? 'NON-FINITE' : v,
    );
    expect(text).not.toContain('NON-FINITE');
    // a dead block has no outlier space to align with: null with the reason, never NaN
    for (const s of last.spectra) {
      expect(s.alignment, `${s.matrix} ${s.block}`).toBeNull();
      expect(['rounding', 'no-outliers'], `${s.matrix} ${s.block}`).toContain(s.alignmentNote);
    }
    // the neurons' G blocks hold eigenvalues (not exact zeros) at the run's rounding level: the reason says so
    for (let i = 0; i < 4; i++)
      expect(last.spectra.find((s) => s.matrix === 'G' && s.block === `layer1:${i}`)?.alignmentNote).toBe('rounding');
    // alive at t = 0: defined
    for (const s of run.checkpoints[0].spectra) expect(s.alignment, `${s.matrix} ${s.block} at t = 0`).not.toBeNull();
    run.dispose();
  });
});
