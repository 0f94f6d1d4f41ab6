// The mlp theory: only the bulk edge of its diagonal-form blocks (layer1:i, computed with the spectra);
// docs/THEORY.md derives no λ → ∞ outlier law and no effective dynamics for it.
import type { ModelTheory } from '../types';
import type { MlpSummary } from './summary';

export function mlpTheory(): ModelTheory<MlpSummary> {
  return {
    limitOutliers(_summary, notes) {
      notes.push(
        'mlp: no λ → ∞ outlier law and no effective-dynamics ODE are derived (THEORY.md covers softmax and xor); only the bulk edge of layer1:i is predicted',
      );
      return undefined;
    },
    ode: undefined,
    notes: [],
  };
}
