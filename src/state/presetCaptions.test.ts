// Every number a preset's caption states is checked here at the preset's own seed, on wasm (the CLI's
// and the app's default backend in Node and Chromium), so a caption cannot drift from what its figure shows.
import { beforeAll, describe, expect, it } from 'vitest';
import { executeRun } from '../engine/execute';
import type { RunFile } from '../engine/runFile';
import { useBackend } from '../testing/backends';
import { presetConfig, PRESETS } from './presets';

const blocks = (c: RunFile['checkpoints'][number], matrix: string, pattern: RegExp) =>
  c.spectra.filter((s) => s.matrix === matrix && pattern.test(s.block));
const firstTime = (file: RunFile, ok: (c: RunFile['checkpoints'][number]) => boolean) =>
  file.checkpoints.find(ok)?.time;

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
    it('alignment climbs from ≈ 0.1 to ≥ 0.9 by t ≈ 10–13 and ≈ 0.97 (H) at t = 25', () => {
      expect(PRESETS.alignment.caption).toMatch(/from ≈ 0\.1 to ≥ 0\.9 by t ≈ 10–13/);
      const start = file.checkpoints[0];
      for (const s of blocks(start, 'H', /^class:/).concat(blocks(start, 'G', /^class:/)))
        (expect(s.alignment).not.toBeNull(), expect(s.alignment!).toBeLessThan(0.25));
      const aligned = (s: { alignment: number | null }) => s.alignment !== null && s.alignment >= 0.9;
      const H = firstTime(file, (c) => blocks(c, 'H', /^class:/).every(aligned));
      const G = firstTime(file, (c) => blocks(c, 'G', /^class:/).every(aligned));
      expect(H).toBeGreaterThanOrEqual(10);
      expect(G).toBeLessThanOrEqual(13);
      const end = file.checkpoints[file.checkpoints.length - 1];
      expect(end.time).toBe(25);
      for (const s of blocks(end, 'H', /^class:/)) expect(s.alignment!).toBeCloseTo(0.975, 1);
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
});
