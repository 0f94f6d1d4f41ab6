// @vitest-environment happy-dom
// The xor banner never judges the classifier before SGD has run: at t = 0 it describes the random
// initialisation; from the first step on it names optimal / sub-optimal and the unserved clusters.
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import { DiagnosisBanner } from './DiagnosisBanner';
import type { EngineSnapshot } from './engineClient';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const diagnosis: XorDiagnosis = {
  optimal: false,
  dead: false,
  served: ['+μ', '+ν', '−ν'],
  unserved: ['−μ'],
  neuronServes: ['+μ', '+ν', '−ν', null],
  deadNeurons: 1,
  expectedOutliers: 3,
  minClusterAccuracy: 0.2,
  message: '',
  layer2Outliers: { H: 3, G: 3 },
};

async function banner(step: number, state: EngineSnapshot['state']): Promise<HTMLElement> {
  const host = document.createElement('div');
  const snapshot = {
    state,
    config: { model: 'xor' },
    checkpoints: [{ step, time: step / 100, diagnosis }],
  } as unknown as EngineSnapshot;
  await act(async () => createRoot(host).render(createElement(DiagnosisBanner, { snapshot, model: 'xor' })));
  return host.querySelector('[data-testid=diagnosis]') as HTMLElement;
}

describe('DiagnosisBanner', () => {
  it('at t = 0 describes the initialisation, with no verdict', async () => {
    const p = await banner(0, 'paused');
    expect(p.dataset.kind).toBe('initial');
    expect(p.textContent).toMatch(/^Before training: .* 3 of 4 clusters/);
    expect(p.textContent).not.toMatch(/sub-optimal|no neuron serves|rank deficiency/i);
  });

  it('after SGD has run names the unserved cluster and the layer-2 outlier count', async () => {
    const p = await banner(500, 'done');
    expect(p.dataset.kind).toBe('suboptimal');
    expect(p.dataset.unserved).toBe('−μ');
    expect(p.textContent).toMatch(/no neuron serves −μ at t = 5\.0/); // words apart for screen readers and copy-paste
    expect(p.textContent).toMatch(/layer 2 of H has 3 outliers/);
  });
});
