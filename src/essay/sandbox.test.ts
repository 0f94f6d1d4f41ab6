import { describe, expect, it } from 'vitest';
import { decodeState } from '../state/url';
import { presetConfig } from '../state/presets';
import { runConfig } from './engineHub';
import { sandboxQuery, sandboxQueryLambda } from './sandbox';

describe('sandbox links', () => {
  it('decode to exactly the run each figure shows', () => {
    for (const [run, block] of [
      ['softmax', 'class:0'],
      ['xor-fail', 'layer2'],
      ['xor-ok', 'layer2'],
    ] as const) {
      const decoded = decodeState(sandboxQuery(run, { matrix: 'G', block }).slice(1));
      expect(decoded.notices).toEqual([]);
      expect(decoded.config).toEqual(runConfig(run));
      expect(decoded.view.matrix).toBe('G');
      expect(decoded.view.block).toBe(block);
    }
    expect(runConfig('xor-fail').seed).toBe(2);
    expect(runConfig('xor-ok').seed).toBe(21);
  });
  it('keep section 1’s λ', () => {
    const decoded = decodeState(sandboxQueryLambda(3.16).slice(1));
    expect(decoded.config).toEqual({ ...presetConfig(undefined), lambda: 3.16 });
  });
});
