import { describe, expect, it } from 'vitest';
import { xorSummaryNames } from '../models/xor/summary';
import type { CheckpointRecord, SpectrumRecord } from '../engine/runFile';
import { alignmentNow, alignmentSummary, outliersNow, projectionSummary, spectrumSummary } from './summaries';

const spec = (
  matrix: 'H' | 'G',
  block: string,
  eigenvalues: number[],
  outliers: number,
  alignment: number,
): SpectrumRecord => ({
  matrix,
  block,
  eigenvalues,
  residuals: eigenvalues.map(() => 0),
  converged: eigenvalues.map(() => true),
  alignment,
  outliers,
  bulkEdge: 0.05,
});
const cp = (step: number, outliers: number, alignment: number): CheckpointRecord => ({
  step,
  time: step / 100,
  loss: 1,
  accuracy: 0.5,
  spectra: [
    spec('H', 'class:0', [0.3, 0.2], outliers, alignment),
    spec('H', 'class:1', [0.3, 0.2], outliers, alignment + 0.01),
    spec('G', 'class:0', [0.1, 0.01], 1, alignment - 0.05),
  ],
  summary: {
    m: [
      [0.5 + step / 1000, 0.01],
      [0.02, 0.6],
    ],
    R: [
      [1, 0],
      [0, 1],
    ],
  },
});

describe('panel text summaries', () => {
  const run = [cp(0, 0, 0.1), cp(100, 1, 0.6), cp(200, 2, 0.93), cp(300, 2, 0.97)];
  it('spectrum: outliers now, then, and when the count was reached', () => {
    expect(spectrumSummary(run, 'H', 'class:0')).toBe(
      'Spectrum of H, block class:0, at t = 3.00 (step 300): all 2 of the top 2 eigenvalues are counted as outliers above the bulk edge 0.05 (the count cannot exceed top-j = 2: ≥ 2 in the block; raise top-j to count them all) (θ₁ = 0.3, θ₂ = 0.2). At t = 0.00 there were 0 outliers. The count first reached 2 at t = 2.00.',
    );
    expect(spectrumSummary([], 'G', 'full')).toBe('Spectrum of G, block full: no checkpoint yet.');
  });
  it('alignment: ranges per matrix and since when every block is ≥ 0.9', () => {
    expect(alignmentSummary(run)).toBe(
      'Alignment ‖P_top x_b‖/‖x_b‖ of 2 blocks at t = 3.00 (step 300): H 0.97–0.98 (from 0.1–0.11 at t = 0.00); G 0.92 (from 0.05 at t = 0.00); every block ≥ 0.9 from t = 3.00 on.',
    );
    const aligned = [cp(0, 0, 0.1), cp(100, 2, 0.96), cp(200, 2, 0.97)];
    expect(alignmentSummary(aligned)).toContain('every block ≥ 0.9 from t = 1.00 on.');
    const dipped = [cp(0, 0, 0.1), cp(100, 2, 0.96), cp(200, 2, 0.9)];
    expect(alignmentSummary(dipped)).toContain('lowest block now 0.85.');
  });
  it('alignment: undefined values are left out of the ranges and counted, never read as 0', () => {
    const last = cp(300, 2, 0.97);
    last.spectra[2] = { ...last.spectra[2], alignment: null, alignmentDim: 0, alignmentNote: 'no-outliers' };
    const text = alignmentSummary([cp(0, 0, 0.1), last]);
    expect(text).toContain('H 0.97–0.98 (from 0.1–0.11 at t = 0.00); G undefined (from 0.05 at t = 0.00);');
    expect(text).toContain('every block ≥ 0.9 from t = 3.00 on.');
    expect(text).toContain('Undefined now for 1 of 3 (matrix, block) pairs');
  });
  it('spectrum: a count that fills every tracked eigenvalue is a lower bound, said so', () => {
    const last = cp(300, 2, 0.97);
    last.spectra[0] = { ...last.spectra[0], outliersAtLeast: true };
    expect(spectrumSummary([last], 'H', 'class:0')).toContain(
      'all 2 of the top 2 eigenvalues are counted as outliers above the bulk edge 0.05 (the count cannot exceed top-j = 2: ≥ 2 in the block; raise top-j to count them all)',
    );
  });
  it('projection: the plane and m_ab', () => {
    expect(projectionSummary(run, { axes: ['μ₀', 'μ₁⊥'], samples: 600, classes: 2 })).toBe(
      '600 test samples of 2 clusters and the weight vectors, projected on the plane (μ₀, μ₁⊥). At t = 3.00 (step 300): m_aa = x^a·μ_a 0.6–0.8, m_ab (a ≠ b) 0.01–0.02.',
    );
  });
  it('projection: a 2-layer net’s K×k overlaps are given as ranges, never as NaN', () => {
    const mlp: CheckpointRecord = {
      ...cp(300, 2, 0.97),
      summary: {
        m: [
          [0.5, 0.1],
          [0.2, 0.7],
          [0.3, 0.4],
        ],
        V: [
          [1, -1, 0.5],
          [0.2, 0.3, -0.4],
        ],
      },
    };
    const text = projectionSummary([mlp], { axes: ['μ₀', 'μ₁⊥'], samples: 200, classes: 2 });
    expect(text).not.toMatch(/NaN/);
    expect(text).toContain('At t = 3.00 (step 300): m 0.1–0.7; V −1–1.');
  });
  it('projection of other models: the statistics by the model’s names', () => {
    const xor = [{ ...run[run.length - 1], summary: { mmu: [1], mnu: [2], v: [3], Rperp: [[4]] } }];
    const text = projectionSummary(xor, undefined, xorSummaryNames);
    expect(text).toContain(
      `${xorSummaryNames.mmu} 1; ${xorSummaryNames.mnu} 2; ${xorSummaryNames.v} 3; ${xorSummaryNames.Rperp} 4.`,
    );
    expect(text).not.toMatch(/mmu|mnu|Rperp/);
  });

  it('spectrum: below top-j the count is a count; one outlier reads in the singular', () => {
    const one = [cp(0, 1, 0.5)];
    expect(spectrumSummary(one, 'H', 'class:0')).toContain(
      ': 1 of the top 2 eigenvalues is counted as outlier above the bulk edge 0.05 (θ₁ = 0.3, θ₂ = 0.2).',
    );
    expect(spectrumSummary([cp(0, 0, 0.5)], 'H', 'class:0')).toContain('0 of the top 2 eigenvalues are counted');
    expect(outliersNow(one[0].spectra[0])).toBe('Now: 1 outlier above the edge.');
    expect(outliersNow(cp(0, 2, 0.5).spectra[0])).toBe('Now: ≥ 2 outliers above the edge (raise top-j to count more).');
    expect(outliersNow(undefined)).toBe('');
  });
  it('alignment: a block without a defined alignment (null) is left out, never read as 0', () => {
    const c = cp(100, 2, 0.96);
    const undefinedOne = {
      ...c,
      spectra: [...c.spectra, { ...c.spectra[0], block: 'layer1:7', alignment: null as unknown as number }],
    };
    expect(alignmentNow(undefinedOne)).toBe(' Now: every block ≥ 0.910, 1 undefined.');
    expect(alignmentSummary([undefinedOne])).toContain('every block ≥ 0.9 from t = 1.00 on.');
    const none = { ...c, spectra: c.spectra.map((s) => ({ ...s, alignment: null as unknown as number })) };
    expect(alignmentNow(none)).toBe(' Now: undefined for every block.');
    expect(alignmentSummary([none])).toContain('no block has a defined alignment now.');
    expect(alignmentSummary([none])).not.toMatch(/Infinity|NaN/);
  });
  it('projection: a 2-layer net with K = k is not read as softmax’s m_aa; typed-array rows are numbers', () => {
    const square: CheckpointRecord = {
      ...cp(300, 2, 0.97),
      summary: {
        m: [
          [0.5, 0.1],
          [0.2, 0.7],
        ],
        V: [new Float64Array([1, -1]), new Float64Array([0.2, 0.3])] as unknown as number[][],
      },
    };
    const text = projectionSummary([square], undefined);
    expect(text).not.toMatch(/m_aa|NaN/);
    expect(text).toContain('m 0.1–0.7; V −1–1.');
  });
});
