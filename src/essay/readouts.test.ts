import { describe, expect, it } from 'vitest';
import { listWords, num, odeGap, outlierWords, unservedClusters } from './readouts';
import type { CheckpointRecord } from '../engine/runFile';

describe('readouts', () => {
  it('formats numbers with 3 significant digits and a minus sign', () => {
    expect(num(0.97712)).toBe('0.977');
    expect(num(-0.3361)).toBe('−0.336');
    expect(num(25)).toBe('25');
    expect(num(NaN)).toBe('–');
  });
  it('counts outliers in words', () => {
    expect(outlierWords(0)).toBe('no outliers');
    expect(outlierWords(1)).toBe('1 outlier');
    expect(outlierWords(4)).toBe('4 outliers');
  });
  it('names the unserved XOR clusters', () => {
    expect(unservedClusters([1, 0, 1, 1])).toEqual(['−μ']);
    expect(unservedClusters([1, 1, 1, 1])).toEqual([]);
    expect(listWords(['+μ', '−μ', '+ν'])).toBe('+μ, −μ and +ν');
    expect(listWords(['−ν'])).toBe('−ν');
  });
  it('measures the largest gap between SGD and ODE overlaps', () => {
    const cp = (m: number[][], ode: number[][]) =>
      ({ summary: { m }, theory: { ode: { m: ode } } }) as unknown as CheckpointRecord;
    expect(
      odeGap([
        cp(
          [
            [1, 0],
            [0, 2],
          ],
          [
            [0.9, 5],
            [5, 2.5],
          ],
        ),
        cp(
          [
            [0, 0],
            [0, 0],
          ],
          [
            [0, 0],
            [0, 0],
          ],
        ),
      ]),
    ).toBeCloseTo(0.5, 12);
  });
});
