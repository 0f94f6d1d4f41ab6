// The xor theory (docs/THEORY.md): λ → ∞ outliers of layer2 (the top min(K, 4) eigenvalues of the K×K limit)
// and of each layer1:i (one along μ, one along ν), from the summary statistics (xorOutliers.ts); the
// effective dynamics (ode.ts).
import { xorLayer1Outliers, xorLayer2Outliers } from '../../math/theory/xorOutliers';
import { KINK_FLIP_LIMIT, kinkFlipProbability, overlapNoise } from '../../math/theory/odeNoise';
import type { ModelTheory, OdeFlag, TheoryContext } from '../types';
import { xorOde } from './ode';
import type { XorSummary } from './summary';

export function xorTheory(context: TheoryContext): ModelTheory<XorSummary> {
  const { beta } = context;
  /** the neurons flagged from the ODE's start (fixed for the run) */
  let flagged: { initial: XorSummary; flags: OdeFlag[] } | undefined;
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
    odeFlags: ({ initial }) => {
      if (flagged?.initial !== initial) flagged = { initial, flags: xorOdeFlags(initial, context) };
      return flagged.flags;
    },
    notes: [
      'layer1 and full: the edge of the matrix-weighted law (per-sample K×K weights; docs/THEORY.md); layer2 has no Wishart bulk: its outliers follow the layer-2 rule',
    ],
  };
}

/**
 * Neurons whose cluster SGD picks by noise (odeNoise.ts): the overlap that decides it (m^μ_i for
 * v_i ≥ 0, m^ν_i for v_i < 0) starts so near the ReLU kink that SGD ends it on the other side than the
 * ODE with probability ≥ KINK_FLIP_LIMIT.
 */
export function xorOdeFlags(initial: XorSummary, { cdelta, d, lambda }: TheoryContext): OdeFlag[] {
  const flags: OdeFlag[] = [];
  initial.v.forEach((v, i) => {
    const statistic = v >= 0 ? 'mmu' : 'mnu';
    const m0 = initial[statistic][i];
    const norm = Math.sqrt(initial.mmu[i] ** 2 + initial.mnu[i] ** 2 + Math.max(0, initial.Rperp[i]?.[i] ?? 0));
    const flipProbability = kinkFlipProbability(m0, v, norm, { cdelta, d, lambda });
    if (flipProbability < KINK_FLIP_LIMIT) return;
    const noise = overlapNoise(v, { cdelta, d, lambda });
    const overlap = statistic === 'mmu' ? 'm^μ' : 'm^ν';
    flags.push({
      statistic,
      neuron: i,
      noise,
      flipProbability,
      note: `xor ODE not predictive for neuron ${i}: ${overlap}_${i} starts at ${m0.toPrecision(2)}, within SGD’s noise of the ReLU kink (${noise.toPrecision(2)} per √t, gate smoothing ‖W_${i}‖/√λ = ${(norm / Math.sqrt(lambda)).toPrecision(2)}); SGD takes the other cluster than the ODE with probability ${flipProbability.toPrecision(2)}`,
    });
  });
  return flags;
}
