// Memory estimate of one checkpoint of a 2-layer model (xor, mlp), computed from the config alone so a
// combination beyond the budget is refused before anything is allocated (validate.ts).
//
// What twoLayerCurvature.ts allocates per checkpoint (float32 unless said):
//   - per-sample state: mask, hidden, back (M×K each, float64 and a float32 copy), resid (M×o),
//     curv (M×o²: the softmax head's P), rh (M×oK), the neuron weights (M×2K);
//   - one batched apply: Ŷ·U with U holding, per matrix (H, G), p(j) columns per neuron block and K
//     columns per vector of layer1 and full (their W part is K×d) — an M × columns tensor — plus the
//     [M, n, K] masked and [M, n, o] head tensors of the n layer1/full vectors;
//   - the eigensolver's blocks: p(j) vectors of each block's dimension, float64.
// p(j) = j + max(2, ⌈j/2⌉) + 1 (eigen/blockCommon.ts guard, plus the lower-bound row), capped by the dim.
// The default top-j per block repeats the models' (xor.ts, mlp.ts); twoLayerBudget.test.ts checks that
// they agree with the models' own block list.
import type { Config } from './schema';

/** Largest per-checkpoint operator working set (floats) of a 2-layer model: 256 MB in float32. */
export const MAX_OPERATOR_FLOATS = 64_000_000;
/** Largest eigensolver block storage (float64 numbers): 256 MB. */
export const MAX_SOLVER_FLOATS = 32_000_000;

export interface TwoLayerJ {
  neuron: number;
  layer1: number;
  layer2: number;
  full: number;
}

/** The top-j of each block kind (topj > 0 overrides every block, as in the engine), capped by the dims. */
export function twoLayerJ(config: Pick<Config, 'model' | 'd' | 'k' | 'K' | 'topj'>): TwoLayerJ {
  const { d, K } = config;
  const o = config.model === 'xor' ? 1 : config.k;
  const cap = (want: number, dim: number) => Math.max(1, Math.min(config.topj > 0 ? config.topj : want, dim));
  if (config.model === 'xor') return { neuron: cap(2, d), layer1: cap(Math.min(4, 2 * K), K * d), layer2: cap(4, K), full: cap(8, K * d + K) };
  const perLayer = config.k * Math.min(config.k - 1, K);
  return { neuron: cap(config.k, d), layer1: cap(perLayer, K * d), layer2: cap(perLayer, o * K), full: cap(2 * perLayer, K * d + o * K) };
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

export function twoLayerBudget(config: Pick<Config, 'model' | 'd' | 'k' | 'K' | 'topj' | 'full'>, M: number): TwoLayerBudget {
  const { d, K } = config;
  const o = config.model === 'xor' ? 1 : config.k;
  const j = twoLayerJ(config);
  const n1 = K * d;
  const n = n1 + o * K;
  const pNeuron = blockVectors(j.neuron, d);
  const pLayer1 = blockVectors(j.layer1, n1);
  const pLayer2 = blockVectors(j.layer2, o * K);
  const pFull = config.full === false ? 0 : blockVectors(j.full, n);
  const bigVectors = pLayer1 + pFull; // per matrix: vectors with a K×d W part
  const columns = 2 * (K * pNeuron + K * bigVectors);
  const state = M * (2 * 3 * K + o + o * o + o * K + 2 * K);
  const apply = M * columns + 2 * M * bigVectors * (K + o);
  const solverFloats = 2 * (K * d * pNeuron + n1 * pLayer1 + o * K * pLayer2 + n * pFull);
  return { operatorFloats: state + apply, columns, solverFloats };
}

/** Why a 2-layer config is beyond the budget, or undefined when it fits. */
export function twoLayerBudgetProblem(config: Config, M: number): string | undefined {
  if (config.model === 'softmax') return undefined;
  const b = twoLayerBudget(config, M);
  const e = (x: number) => x.toExponential(2);
  if (b.operatorFloats > MAX_OPERATOR_FLOATS)
    return `the 2-layer H/G operator at K = ${config.K}, d = ${config.d}, M = ${M}${config.model === 'mlp' ? `, k = ${config.k}` : ''} needs ~${e(b.operatorFloats)} floats per checkpoint (M × ${b.columns} stacked directions of layer1:i, layer1${config.full === false ? '' : ', full'} + M×K activations), over the budget of ${e(MAX_OPERATOR_FLOATS)}; lower K, M (or φ) or topj, or set full=0`;
  if (b.solverFloats > MAX_SOLVER_FLOATS)
    return `the eigensolver blocks at K = ${config.K}, d = ${config.d}${config.model === 'mlp' ? `, k = ${config.k}` : ''} need ~${e(b.solverFloats)} float64 numbers (K·d-dimensional block vectors), over the budget of ${e(MAX_SOLVER_FLOATS)}; lower K, d or topj, or set full=0`;
  return undefined;
}
