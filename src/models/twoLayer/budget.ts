// Memory estimate of one checkpoint of a 2-layer model (xor, mlp), computed from the config alone so a
// combination beyond the budget is refused before anything is allocated (state/validate.ts).
//
// What twoLayerCurvature.ts allocates per checkpoint (float32 unless said):
//   - per-sample state: mask, hidden, back (M×K each, float64 and a float32 copy), resid (M×o),
//     curv (M×o²: the softmax head's P), rh (M×oK), the neuron weights (M×2K);
//   - one batched apply: Ŷ·U with U holding, per matrix (H, G), p(j) columns per neuron block and K
//     columns per vector of layer1 and full (their W part is K×d) — an M × columns tensor — plus the
//     [M, n, K] masked and [M, n, o] head tensors of the n layer1/full vectors;
//   - the eigensolver's blocks: p(j) vectors of each block's dimension, float64.
// p(j) = j + max(2, ⌈j/2⌉) + 1 (eigen/blockCommon.ts guard, plus the lower-bound row), capped by the dim.
// The default top-j per block is the models' own (math/models/defaultJ.ts); budget.test.ts checks the
// capping against the models' block list.
import type { TwoLayerJ } from '../../math/models/twoLayer';

/** Largest per-checkpoint operator working set (floats) of a 2-layer model: 256 MB in float32. */
export const MAX_OPERATOR_FLOATS = 64_000_000;
/** Largest eigensolver block storage (float64 numbers): 256 MB. */
export const MAX_SOLVER_FLOATS = 32_000_000;

/** A 2-layer model's sizes as the budget reads them. */
export interface TwoLayerSize {
  d: number;
  K: number;
  /** outputs o of the head (xor: 1, mlp: k) */
  outputs: number;
  /** the model's default top-j per block kind */
  blockJ: TwoLayerJ;
  topj: number;
  full: boolean;
  /** the model's own size keys for messages (", k = 4"), or '' */
  extraSizes: string;
}

/** The top-j of each block kind (topj > 0 overrides every block, as in the engine), capped by the dims. */
export function twoLayerJ(size: TwoLayerSize): TwoLayerJ {
  const { d, K, outputs: o, blockJ } = size;
  const cap = (want: number, dim: number) => Math.max(1, Math.min(size.topj > 0 ? size.topj : want, dim));
  return {
    neuron: cap(blockJ.neuron, d),
    layer1: cap(blockJ.layer1, K * d),
    layer2: cap(blockJ.layer2, o * K),
    full: cap(blockJ.full, K * d + o * K),
  };
}

function blockVectors(j: number, dim: number): number {
  return Math.min(dim, j + Math.max(2, Math.ceil(j / 2))) + 1;
}

export interface TwoLayerBudget {
  /** operator working set, floats */
  operatorFloats: number;
  /** columns of the batched Ŷ·U */
  columns: number;
  /** eigensolver blocks, float64 numbers */
  solverFloats: number;
}

export function twoLayerBudget(size: TwoLayerSize, M: number): TwoLayerBudget {
  const { d, K, outputs: o } = size;
  const j = twoLayerJ(size);
  const n1 = K * d;
  const n = n1 + o * K;
  const pNeuron = blockVectors(j.neuron, d);
  const pLayer1 = blockVectors(j.layer1, n1);
  const pLayer2 = blockVectors(j.layer2, o * K);
  const pFull = size.full === false ? 0 : blockVectors(j.full, n);
  const bigVectors = pLayer1 + pFull; // per matrix: vectors with a K×d W part
  const columns = 2 * (K * pNeuron + K * bigVectors);
  const state = M * (2 * 3 * K + o + o * o + o * K + 2 * K);
  const apply = M * columns + 2 * M * bigVectors * (K + o);
  const solverFloats = 2 * (K * d * pNeuron + n1 * pLayer1 + o * K * pLayer2 + n * pFull);
  return { operatorFloats: state + apply, columns, solverFloats };
}

/** Why a 2-layer config is beyond the budget, or undefined when it fits. */
export function twoLayerBudgetProblem(size: TwoLayerSize, M: number): string | undefined {
  const b = twoLayerBudget(size, M);
  const e = (x: number) => x.toExponential(2);
  if (b.operatorFloats > MAX_OPERATOR_FLOATS)
    return `the 2-layer H/G operator at K = ${size.K}, d = ${size.d}, M = ${M}${size.extraSizes} needs ~${e(b.operatorFloats)} floats per checkpoint (M × ${b.columns} stacked directions of layer1:i, layer1${size.full === false ? '' : ', full'} + M×K activations), over the budget of ${e(MAX_OPERATOR_FLOATS)}; lower K, M (or φ) or topj, or set full=0`;
  if (b.solverFloats > MAX_SOLVER_FLOATS)
    return `the eigensolver blocks at K = ${size.K}, d = ${size.d}${size.extraSizes} need ~${e(b.solverFloats)} float64 numbers (K·d-dimensional block vectors), over the budget of ${e(MAX_SOLVER_FLOATS)}; lower K, d or topj, or set full=0`;
  return undefined;
}
