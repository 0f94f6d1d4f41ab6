// The run file read back (readRunFile) and written as CSV (runToCsv), on a real small run.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../state/schema';
import { useBackend } from '../testing/backends';
import { executeRun } from './execute';
import { readRunFile } from './readRunFile';
import { runToCsv } from './runCsv';
import type { RunFile } from './runFile';

const small: Config = { ...defaultConfig(), d: 40, k: 3, T: 2, every: 30, lambda: 20, M: 90 };
let file: RunFile;
let text: string;

beforeAll(async () => {
  await useBackend('cpu');
  file = await executeRun(small, { backend: 'cpu', includeData: true });
  text = JSON.stringify(file);
});

describe('readRunFile', () => {
  it('reads back what the engine writes, numbers unchanged, config through the schema', () => {
    const read = readRunFile(text);
    if (!read.ok) throw new Error(read.error);
    expect(read.warnings).toEqual([]);
    expect(read.config).toEqual(small);
    expect(read.file.checkpoints).toEqual(file.checkpoints);
    expect(read.file.data!.test.inputs.length).toBe(90);
  });

  it('names the field of a bad file, and never throws', () => {
    const bad = (mutate: (doc: any) => void): string => {
      const doc = JSON.parse(text);
      mutate(doc);
      const read = readRunFile(JSON.stringify(doc));
      expect(read.ok).toBe(false);
      return read.ok ? '' : read.error;
    };
    expect(bad((d) => (d.schema = 'eigenalign.run/9'))).toContain('not an eigenalign.run/1 file');
    expect(bad((d) => (d.config.lambda = -3))).toMatch(
      /^config: lambda must be a number in \[0\.01, 1000000\], got "-3"/,
    );
    expect(bad((d) => delete d.config.seed)).toBe('config.seed is missing');
    expect(bad((d) => (d.checkpoints[1].spectra[0].alignment = 'high'))).toBe(
      'checkpoints[1].spectra[0].alignment must be a finite number or null, got "\\"high\\""',
    );
    expect(bad((d) => (d.checkpoints[0].spectra[2].block = '<img src=x>'))).toContain(
      'checkpoints[0].spectra[2].block must be a block name',
    );
    expect(bad((d) => d.checkpoints[2].spectra[0].residuals.pop())).toContain('residuals must have');
    expect(bad((d) => (d.checkpoints[2].step = 0))).toBe('checkpoints[2].step must exceed the step before it');
    expect(bad((d) => d.data.test.inputs[5].pop())).toBe('data.test.inputs[5] must have 40 entries, has 39');
    expect(bad((d) => (d.checkpoints = []))).toBe('checkpoints must be a non-empty array');
    for (const junk of [
      '',
      'null',
      '[]',
      '{"schema":"eigenalign.run/1"}',
      '{',
      '"x"',
      '{"__proto__":{"schema":"eigenalign.run/1"}}',
    ]) {
      const read = readRunFile(junk);
      expect(read.ok, junk).toBe(false);
    }
  });

  it('ignores config keys it does not know, with a warning', () => {
    const doc = JSON.parse(text);
    doc.config.futureKey = 3;
    const read = readRunFile(JSON.stringify(doc));
    expect(read.ok && read.warnings).toEqual([expect.stringContaining('"futureKey"')]);
  });
});

describe('runToCsv', () => {
  it('one row per checkpoint × (matrix, block), with the columns of the issue and exact numbers', () => {
    const lines = runToCsv(file.checkpoints).trimEnd().split('\n');
    const j = Math.max(...file.checkpoints[0].spectra.map((s) => s.eigenvalues.length));
    expect(j).toBe(3);
    expect(lines[0]).toBe(
      'step,time,loss,accuracy,matrix,block,eigenvalue_1,eigenvalue_2,eigenvalue_3,residual_max,alignment,outliers,bulkEdge,alignment_dim,alignment_note,outliers_at_least',
    );
    const blocks = file.checkpoints[0].spectra.length;
    expect(blocks).toBe(2 * 4); // H and G × (3 classes + full)
    expect(lines.length).toBe(1 + file.checkpoints.length * blocks);
    const last = file.checkpoints[file.checkpoints.length - 1];
    const s = last.spectra[blocks - 1];
    const row = lines[lines.length - 1].split(',');
    expect(row.slice(0, 6)).toEqual([
      String(last.step),
      String(last.time),
      String(last.loss),
      String(last.accuracy),
      s.matrix,
      s.block,
    ]);
    expect(row.slice(6, 9).map(Number)).toEqual(s.eigenvalues);
    expect(Number(row[9])).toBe(Math.max(...s.residuals));
    expect(Number(row[10])).toBe(s.alignment);
    expect(Number(row[11])).toBe(s.outliers);
    expect(Number(row[12])).toBe(s.bulkEdge);
    expect(row.slice(13)).toEqual([String(s.alignmentDim), s.alignmentNote ?? '', String(s.outliersAtLeast)]);
  });

  it('an undefined alignment is an empty cell (NA), with its reason; a lower-bound count says so', () => {
    const cp = structuredClone(file.checkpoints[0]);
    cp.spectra = [{ ...cp.spectra[0], alignment: null, alignmentDim: 0, alignmentNote: 'no-outliers', outliers: 0 }];
    cp.spectra.push({ ...cp.spectra[0], alignment: 0.5, alignmentDim: 3, alignmentNote: undefined, outliers: 3 });
    cp.spectra[1].outliersAtLeast = true;
    const rows = runToCsv([cp])
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect([rows[0][10], rows[0][11], rows[0][13], rows[0][14]]).toEqual(['', '0', '0', 'no-outliers']);
    expect([rows[1][10], rows[1][13], rows[1][14], rows[1][15]]).toEqual(['0.5', '3', '', 'true']);
  });

  it('pads blocks with fewer eigenvalues with empty cells', () => {
    const cp = structuredClone(file.checkpoints[0]);
    cp.spectra = [cp.spectra[0], { ...cp.spectra[1], eigenvalues: [1], residuals: [0], converged: [true] }];
    const lines = runToCsv([cp]).trimEnd().split('\n');
    expect(lines[2].split(',').slice(6, 9)).toEqual(['1', '', '']);
  });
});
