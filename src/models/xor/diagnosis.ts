// A checkpoint's xor diagnosis: optimal or not, and which cluster no neuron serves (xorDiagnosis.ts),
// with the measured layer-2 outliers.
import type { MatrixKind } from '../../math/matrices';
import { diagnoseXor, type XorDiagnosis } from '../../math/models/xorDiagnosis';
import type { CheckpointView } from '../types';
import type { XorSummary } from './summary';

export function xorCheckpointDiagnosis(c: CheckpointView<XorSummary>, lambda: number): XorDiagnosis {
  const { mmu, mnu, v, Rperp } = c.summary;
  const layer2 = (m: MatrixKind) => c.spectra.find((s) => s.matrix === m && s.block === 'layer2')?.outliers;
  return diagnoseXor({
    mmu,
    mnu,
    v,
    Rperp,
    clusterAccuracy: c.clusterAccuracy as number[],
    lambda,
    layer2Outliers: { H: layer2('H'), G: layer2('G') },
  });
}
