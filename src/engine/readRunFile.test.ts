// readRunFile against the run-file schema: real CLI files of every model pass; broken ones get one
// line naming the first bad field; the committed JSON Schema is the schema's current export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUN_SCHEMA_FILE, runFileJsonSchemaText } from './exportRunSchema';
import { readRunFile } from './readRunFile';

const fixture = (name: string) =>
  readFileSync(new URL(`../testing/runFiles/${name}.run.json`, import.meta.url), 'utf8');
const xor = fixture('xor-ensemble');

function error(text: string, mutate: (doc: any) => void): string {
  const doc = JSON.parse(text);
  mutate(doc);
  const read = readRunFile(JSON.stringify(doc));
  expect(read.ok).toBe(false);
  return read.ok ? '' : read.error;
}

describe('readRunFile and the run-file schema', () => {
  it('accepts what the CLI writes for every model, ensembles and diverged runs included', () => {
    for (const name of ['softmax', 'xor-ensemble', 'mlp', 'diverged']) {
      const read = readRunFile(fixture(name));
      if (!read.ok) throw new Error(`${name}: ${read.error}`);
      expect(read.warnings).toEqual([]);
      expect(JSON.parse(JSON.stringify(read.file))).toEqual(JSON.parse(fixture(name)));
    }
  });

  it('alignment: null with a reason where undefined; files without the outlier-space fields still load', () => {
    // the committed fixtures predate alignmentDim, alignmentNote and outliersAtLeast
    const old = JSON.parse(xor);
    expect('alignmentDim' in old.checkpoints[0].spectra[0]).toBe(false);
    expect(readRunFile(xor).ok).toBe(true);
    const doc = JSON.parse(xor);
    Object.assign(doc.checkpoints[0].spectra[0], {
      alignment: null,
      alignmentDim: 0,
      alignmentNote: 'no-outliers',
      outliers: 0,
      outliersAtLeast: false,
    });
    Object.assign(doc.ensemble[0].spectra[0], { alignment: null, alignmentDim: 2, alignmentNote: 'gap' });
    const read = readRunFile(JSON.stringify(doc));
    if (!read.ok) throw new Error(read.error);
    expect(read.file.checkpoints[0].spectra[0].alignment).toBeNull();
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].alignmentNote = 'arbitrary'))).toMatch(
      /^checkpoints\[0\]\.spectra\[0\]\.alignmentNote must be one of "no-outliers" \| "gap" \| "rounding" \| "whole-block"/,
    );
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].alignment = 'x'))).toBe(
      'checkpoints[0].spectra[0].alignment must be a finite number or null, got "\\"x\\""',
    );
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].alignment = null))).toBe(
      'checkpoints[0].spectra[0].alignment is null without an alignmentNote saying why',
    );
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].alignmentNote = 'gap'))).toBe(
      'checkpoints[0].spectra[0].alignment must be null with alignmentNote "gap"',
    );
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].alignmentDim = 7))).toMatch(
      /^checkpoints\[0\]\.spectra\[0\]\.alignmentDim must be the outlier count \(\d\), got 7$/,
    );
    expect(error(xor, (d) => (d.checkpoints[0].spectra[0].outliersAtLeast = 1))).toBe(
      'checkpoints[0].spectra[0].outliersAtLeast must be true or false, got "1"',
    );
  });

  it('reads per-seed trajectories; files written before them (no trajectory, params or angle) still load', () => {
    const read = readRunFile(fixture('xor-trajectories'));
    if (!read.ok) throw new Error(read.error);
    const entries = read.file.ensemble!;
    expect(entries).toHaveLength(12);
    for (const e of entries) expect(e.trajectory!.time).toEqual([0, 6, 12, 18, 24, 30]);
    expect(read.file.checkpoints[0].spectra[0].meanSpanAngles).toBeDefined();
    const old = readRunFile(xor);
    if (!old.ok) throw new Error(old.error);
    expect(old.file.ensemble!.every((e) => e.trajectory === undefined)).toBe(true);
    expect(old.file.checkpoints.every((c) => c.params === undefined)).toBe(true);
    expect(old.file.checkpoints[0].spectra.every((s) => s.meanSpanAngle === undefined)).toBe(true);
    // a trajectory's step column must increase
    expect(
      error(fixture('xor-trajectories'), (d) => (d.ensemble[3].trajectory.step[2] = d.ensemble[3].trajectory.step[1])),
    ).toBe('ensemble[3].trajectory.step[2] must exceed the step before it');
  });

  it('refuses a hollow theory, diagnosis or ensemble with the path of the first bad field', () => {
    const last = JSON.parse(xor).checkpoints.length - 1;
    expect(error(xor, (d) => (d.checkpoints[last].theory = {}))).toBe(`checkpoints[${last}].theory.blocks is missing`);
    expect(error(xor, (d) => (d.checkpoints[0].theory.blocks[0].bulkEdge = 'x'))).toBe(
      'checkpoints[0].theory.blocks[0].bulkEdge must be a finite number, got "\\"x\\""',
    );
    expect(error(xor, (d) => (d.checkpoints[0].theory.blocks[1].limitOutliers[0] = null))).toBe(
      'checkpoints[0].theory.blocks[1].limitOutliers[0] must be a finite number, got "null"',
    );
    expect(error(xor, (d) => (d.checkpoints[0].theory.ode = {}))).toBe(
      'checkpoints[0].theory.ode must have the statistics of the summary (mmu, mnu, v, Rperp), has none',
    );
    expect(error(xor, (d) => d.checkpoints[1].summary.Rperp.pop())).toBe(
      "checkpoints[1].summary.Rperp must have the shape of checkpoints[0].summary's (3×3), has 2×3",
    );
    expect(error(xor, (d) => d.checkpoints[1].summary.Rperp[1].pop())).toBe(
      'checkpoints[1].summary.Rperp must have rows of equal length',
    );
    expect(error(xor, (d) => (d.checkpoints[1].diagnosis = {}))).toBe('checkpoints[1].diagnosis.optimal is missing');
    expect(error(xor, (d) => (d.checkpoints[1].diagnosis.unserved = ['<b>']))).toBe(
      'checkpoints[1].diagnosis.unserved[0] must be one of "+μ" | "−μ" | "+ν" | "−ν", got "\\"<b>\\""',
    );
    expect(error(xor, (d) => (d.checkpoints[1].clusterAccuracy[2] = 1.5))).toBe(
      'checkpoints[1].clusterAccuracy[2] must be ≤ 1, got "1.5"',
    );
    expect(error(xor, (d) => (d.ensemble[1].spectra = {}))).toBe('ensemble[1].spectra must be an array, got "{}"');
    expect(error(xor, (d) => (d.ensembleSummary.interval95 = [0.1]))).toMatch(
      /^ensembleSummary\.interval95\[1\] must be a finite number, got/,
    );
    expect(error(xor, (d) => (d.status = 'fine'))).toBe('status must be one of "ok" | "diverged", got "\\"fine\\""');
    expect(error(xor, (d) => (d.data.test.labels[3] = 7))).toBe(
      'data.test.labels[3] must be below the number of means (2), got 7',
    );
    expect(error(xor, (d) => (d.config.full = 1))).toBe('config: full must be true or false, got "1"');
    expect(readRunFile(xor.replace('"d":12,', '"d":1e999,'))).toEqual({
      ok: false,
      error: 'config: d must be an integer in [4, 8000], got "Infinity"',
    });
    expect(error(xor, (d) => (d.config.k = 20))).toBe('config: k = 20 means need d ≥ k (d = 12)');
    // sizes no run reaches would only freeze the charts
    expect(
      error(xor, (d) => (d.checkpoints[0].spectra = Array.from({ length: 5000 }, () => d.checkpoints[0].spectra[0]))),
    ).toBe('checkpoints[0].spectra must have at most 134 entries, has 5000');
    expect(error(xor, (d) => (d.checkpoints[0].summary.v = Array.from({ length: 100_000 }, () => 0.5)))).toBe(
      'checkpoints[0].summary.v must have at most 64 entries, has 100000',
    );
  });

  it('a key that is not a plain name is quoted in the path; text and sizes stay on one short line', () => {
    const softmax = fixture('softmax');
    const weird = error(softmax, (d) => (d.checkpoints[0].summary['<img src=x>\n'] = [[1, 2], [3]]));
    expect(weird).toBe('checkpoints[0].summary["<img src=x>?"] must have rows of equal length');
    const long = error(softmax, (d) => (d.backend = Array.from({ length: 50_000 }, () => 1)));
    expect(long.length).toBeLessThan(120);
    expect(readRunFile(softmax.replace('"loss":', '"loss":1e999,"x":'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^checkpoints\[0\]\.loss must be a finite number, got "Infinity"$/),
    });
  });

  it(`the committed ${RUN_SCHEMA_FILE} is the schema's current export (npm run schema)`, () => {
    const committed = readFileSync(new URL(`../../${RUN_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed, 'stale JSON Schema: run `npm run schema` and commit the file').toBe(runFileJsonSchemaText());
  });
});
