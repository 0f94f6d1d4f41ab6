// The xor theory (docs/THEORY.md): λ → ∞ outliers of layer2 (the top min(K, 4) eigenvalues of the K×K limit)
// and of each layer1:i (one along μ, one along ν), from the summary statistics (xorOutliers.ts); the
// effective dynamics (ode.ts).
import { xorLayer1Outliers, xorLayer2Outliers } from '../../math/theory/xorOutliers';
import type { ModelTheory, TheoryContext } from '../types';
import { xorOde } from './ode';
import type { XorSummary } from './summary';

export function xorTheory(context: TheoryContext): ModelTheory<XorSummary> {
  const { beta } = context;
  return {
    limitOutliers({ v, mmu, mnu }, notes) {
      const out = new Map<string, number[]>();
      const layer2 = xorLayer2Outliers(v, mmu, mnu, beta);
      out.set('H:layer2', layer2.H);
      out.set('G:layer2', layer2.G);
      const layer1 = xorLayer1Outliers(v, mmu, mnu, beta);
      layer1.H.forEach((p, i) => out.set(`H:layer1:${i}`, [Math.max(p.mu, p.nu), Math.min(p.mu, p.nu)]));
      layer1.G.forEach((p, i) => out.set(`G:layer1:${i}`, [Math.max(p.mu, p.nu), Math.min(p.mu, p.nu)]));
      notes.push('xor layer1 and full blocks: no λ → ∞ outlier prediction (cross-neuron and W–v terms)');
      return out;
    },
    ode: xorOde(context),
    notes: [
      'layer1 and full: the edge of the matrix-weighted law (per-sample K×K weights; docs/THEORY.md); layer2 has no Wishart bulk: its outliers follow the layer-2 rule',
    ],
  };
}
