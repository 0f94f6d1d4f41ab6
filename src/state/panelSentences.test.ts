// The sentences the panels show about a run, checked against that run's own numbers at every preset's
// seed (wasm, as the app and the CLI run them): the spectrum and alignment summaries and their "now"
// lines, the projection summary, the xor diagnosis (banner) and the xor neuron caption. The sentences
// are pure functions of the checkpoints (src/charts/summaries.ts, xorDiagnosis.ts); here each number
// they state is recomputed from the records by other means.
import { beforeAll, describe, expect, it } from 'vitest';
import { alignmentNow, alignmentSummary, outliersNow, projectionSummary, spectrumSummary } from '../charts/summaries';
import { executeRun } from '../engine/execute';
import type { RunFile, SpectrumRecord } from '../engine/runFile';
import { XOR_CLUSTER_NAMES, type XorDiagnosis } from '../math/models/xorDiagnosis';
import { neuronData, servingNow } from '../charts/neuronData';
import { findModelInfo } from '../models/registry';
import { xorNeurons } from '../models/xor/neurons';
import { useBackend } from '../testing/backends';
import { PRESET_NAMES, presetConfig, presetView } from './presets';

type Checkpoint = RunFile['checkpoints'][number];
const files = new Map<string, RunFile>();
const numbers = (text: string) =>
  [...text.matchAll(/−?-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g)].map((m) => Number(m[0].replace('−', '-')));
const block = (c: Checkpoint, matrix: string, name: string) =>
  c.spectra.find((s) => s.matrix === matrix && s.block === name) as SpectrumRecord;
const defined = (values: (number | null)[]) => values.filter((v): v is number => v !== null && Number.isFinite(v));

beforeAll(async () => {
  await useBackend('wasm');
  for (const name of PRESET_NAMES) files.set(name, await executeRun(presetConfig(name), { backend: 'wasm' }));
}, 600_000);

describe.each(PRESET_NAMES)('panel sentences at the preset %s', (name) => {
  const view = presetView(name);

  it.each(['H', 'G'] as const)('spectrum of %s (the preset’s block): every stated count, edge and time', (matrix) => {
    const file = files.get(name)!;
    const text = spectrumSummary(file.checkpoints, matrix, view.block);
    const last = file.checkpoints[file.checkpoints.length - 1];
    const s = block(last, matrix, view.block);
    const j = s.eigenvalues.length;
    const m = text.match(
      /: (?:all (\d+)|(\d+)) of the top (\d+) eigenvalues? (?:is|are) counted as outliers? above the bulk edge (\S+)/,
    )!;
    expect(m).not.toBeNull();
    const counted = Number(m[1] ?? m[2]);
    expect(Number(m[3])).toBe(j);
    expect(counted).toBe(Math.min(s.outliers, j));
    // what is counted is above the edge; "all" is said exactly when the count is capped by top-j
    for (const v of s.eigenvalues.slice(0, counted)) expect(v).toBeGreaterThan(s.bulkEdge);
    expect(m[1] !== undefined).toBe(counted === j && j > 1);
    expect(Number(m[4])).toBeCloseTo(s.bulkEdge, Math.max(2, -Math.floor(Math.log10(s.bulkEdge)) + 2));
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    const first = block(file.checkpoints[0], matrix, view.block);
    expect(text).toContain(
      `At t = 0.00 there ${first.outliers === 1 ? 'was 1 outlier' : `were ${first.outliers} outliers`}.`,
    );
    const reached = text.match(/The count first reached (\d+) at t = (\S+)\./);
    if (reached) {
      expect(Number(reached[1])).toBe(s.outliers);
      const when = file.checkpoints.find((c) => block(c, matrix, view.block).outliers >= s.outliers)!;
      expect(Number(reached[2])).toBeCloseTo(when.time, 2);
    } else expect(s.outliers).toBeLessThanOrEqual(first.outliers);
    // the panel's "now" line states the same count
    expect(numbers(outliersNow(s))[0]).toBe(s.outliers);
  });

  it('alignment: the ranges, the lowest block and since when every block is ≥ 0.9', () => {
    const file = files.get(name)!;
    const text = alignmentSummary(file.checkpoints);
    const last = file.checkpoints[file.checkpoints.length - 1];
    expect(text).not.toMatch(/NaN|Infinity/);
    for (const matrix of ['H', 'G'] as const) {
      const values = defined(last.spectra.filter((s) => s.matrix === matrix).map((s) => s.alignment));
      const part = text.split(/[:;] /).find((p) => p.startsWith(`${matrix} `))!;
      // a matrix whose every block is undefined (no outlier space anywhere) says so instead of a range
      if (values.length === 0) {
        expect(part.split(' (from')[0]).toBe(`${matrix} undefined`);
        continue;
      }
      const [lo, hi = lo] = numbers(part.split(' (from')[0]);
      expect(lo).toBeCloseTo(Math.min(...values), 2);
      expect(hi).toBeCloseTo(Math.max(...values), 2);
    }
    const lowest = (c: Checkpoint) => Math.min(...defined(c.spectra.map((s) => s.alignment)));
    const since = text.match(/every block ≥ 0\.9 from t = (\S+) on\./);
    if (!defined(last.spectra.map((s) => s.alignment)).length) expect(since).toBeNull();
    else if (since) {
      const t = Number(since[1]);
      for (const c of file.checkpoints) if (c.time >= t - 1e-9) expect(lowest(c)).toBeGreaterThanOrEqual(0.9);
      const before = file.checkpoints.filter((c) => c.time < t - 1e-9);
      if (before.length) expect(lowest(before[before.length - 1])).toBeLessThan(0.9);
    } else {
      expect(lowest(last)).toBeLessThan(0.9);
      expect(Number(text.match(/lowest block now (\S+)\./)![1])).toBeCloseTo(lowest(last), 2);
    }
    if (defined(last.spectra.map((s) => s.alignment)).length)
      expect(Number(alignmentNow(last).match(/≥ (\d+(?:\.\d+)?)/)![1])).toBeCloseTo(lowest(last), 3);
    else expect(alignmentNow(last)).toBe(' Now: undefined for every block.');
  });

  it('projection: the statistics’ ranges, by the model’s names, with no NaN', () => {
    const file = files.get(name)!;
    const last = file.checkpoints[file.checkpoints.length - 1];
    const info = findModelInfo(file.config.model)!;
    const text = projectionSummary(file.checkpoints, { axes: ['a', 'b'], samples: 10, classes: 4 }, info.summaryNames);
    expect(text).not.toMatch(/NaN|Infinity|undefined|none/);
    if (file.config.model === 'softmax') {
      const m = last.summary.m as number[][];
      const [lo, hi] = numbers(text.match(/m_aa = x\^a·μ_a (\S+),/)![1]);
      expect(lo).toBeCloseTo(Math.min(...m.map((row, a) => row[a])), 2);
      expect(hi).toBeCloseTo(Math.max(...m.map((row, a) => row[a])), 2);
    } else {
      expect(text).not.toMatch(/m_aa/);
      for (const [key, label] of Object.entries(info.summaryNames)) {
        expect(text).toContain(label);
        const flat = (last.summary[key] as number[] | number[][]).flat();
        const part = text.split(label)[1].split(';')[0];
        expect(numbers(part)[0]).toBeCloseTo(Math.min(...flat), 2);
      }
    }
  });
});

describe.each(PRESET_NAMES.filter((n) => presetConfig(n).model === 'xor'))(
  'the xor banner and neuron caption at %s',
  (name) => {
    const diagnosisAt = (c: Checkpoint) => c.diagnosis as unknown as XorDiagnosis;

    it('the banner’s served / unserved clusters are the ones the net classifies; its layer-2 count is the spectrum’s', () => {
      const file = files.get(name)!;
      const last = file.checkpoints[file.checkpoints.length - 1];
      const d = diagnosisAt(last);
      XOR_CLUSTER_NAMES.forEach((cluster, c) => {
        if (d.unserved.includes(cluster)) expect(last.clusterAccuracy![c]).toBeLessThan(0.5);
        else expect(last.clusterAccuracy![c]).toBeGreaterThanOrEqual(0.9);
      });
      expect(d.served.length + d.unserved.length).toBe(4);
      expect(d.layer2Outliers?.H).toBe(block(last, 'H', 'layer2').outliers);
      expect(d.message).toContain(`layer 2 of H has ${block(last, 'H', 'layer2').outliers} outliers`);
      if (d.optimal) expect(Math.min(...last.clusterAccuracy!)).toBeGreaterThanOrEqual(0.9);
      else expect(d.message).toContain(`${d.served.length} of 4 clusters served`);
    });

    it('the neuron panel’s "now": as many neurons serve a cluster as the diagnosis finds', () => {
      const file = files.get(name)!;
      const last = file.checkpoints[file.checkpoints.length - 1];
      const serving = diagnosisAt(last).neuronServes.filter((c) => c !== null).length;
      expect(servingNow(neuronData(file.checkpoints, 'xor', 0, 1, false))).toBe(
        ` Now: ${serving} of ${file.config.K} neurons serve a cluster.`,
      );
      if (name === 'xor-wide') expect(serving).toBe(18);
    });

    it('xor neuron caption: a ±μ neuron moves out along μ with v_i > 0, a ±ν one along ν with v_i < 0, an idle one shrinks', () => {
      expect(xorNeurons.caption).toMatch(
        /A neuron serving ±μ \(label 1\) moves out along the μ axis with v_i > 0, one serving ±ν \(label 0\) along the ν axis with v_i < 0; a dying one shrinks to 0\./,
      );
      const file = files.get(name)!;
      const [first, last] = [file.checkpoints[0], file.checkpoints[file.checkpoints.length - 1]];
      type S = { mmu: number[]; mnu: number[]; v: number[]; Rperp: number[][] };
      const [s0, s] = [first.summary as unknown as S, last.summary as unknown as S];
      const norm2 = (x: S, i: number) => x.mmu[i] ** 2 + x.mnu[i] ** 2 + x.Rperp[i][i];
      diagnosisAt(last).neuronServes.forEach((serves, i) => {
        const [along, across] = serves?.endsWith('μ') ? [s.mmu[i], s.mnu[i]] : [s.mnu[i], s.mmu[i]];
        if (serves === null) {
          expect(norm2(s, i)).toBeLessThan(0.01 * norm2(s0, i));
          return;
        }
        expect(Math.sign(along)).toBe(serves.startsWith('+') ? 1 : -1);
        expect(Math.abs(across)).toBeLessThan(0.1 * Math.abs(along));
        expect(Math.sign(s.v[i])).toBe(serves.endsWith('μ') ? 1 : -1);
      });
    });
  },
);
