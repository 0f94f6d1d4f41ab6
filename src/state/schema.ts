// The one config schema. Every key has one name everywhere: CLI flag (--d), URL query (?d=),
// run-file `config`, slider. Validation, clamping, URL and CLI codecs all read this table.
import { MATRICES, type MatrixKind } from '../math/matrices';
import { MODEL_NAMES, modelInfo, type ModelName } from '../models/registry';

export type KeyType = 'int' | 'number' | 'enum' | 'bool';

export interface KeySpec {
  type: KeyType;
  default: number | string | boolean;
  min?: number;
  max?: number;
  /** Allowed values of an enum key. */
  values?: readonly string[];
  unit?: string;
  /** Symbol used in labels (λ, β, c_δ, …). */
  symbol?: string;
  doc: string;
  /**
   * The slider's travel: the range worth exploring. min/max above are what the engine accepts (the
   * number box beside the slider takes all of it). `step`: the rounding of a linear slider's values.
   */
  slider?: { min: number; max: number; step?: number };
  /** The slider moves on a log scale. */
  log?: boolean;
}

export const MODELS = MODEL_NAMES;
export const BACKENDS = ['auto', 'wasm', 'cpu', 'webgl', 'webgpu'] as const;
export const SOLVERS = ['krylov', 'chebyshev', 'subspace', 'power'] as const;
/** The samples H and G are built on: the fixed test set, or the last M samples SGD drew. */
export const MEASURE_SETS = ['test', 'recent'] as const;
export { MATRICES, type MatrixKind, type ModelName };

export type BackendName = (typeof BACKENDS)[number];
export type SolverName = (typeof SOLVERS)[number];
export type MeasureSet = (typeof MEASURE_SETS)[number];

export const SCHEMA = {
  model: {
    type: 'enum',
    values: MODELS,
    default: 'softmax',
    doc: MODEL_NAMES.map((name) => `${name}: ${modelInfo(name).doc}`).join('; '),
  },
  d: {
    type: 'int',
    min: 4,
    max: 8000,
    default: 300,
    symbol: 'd',
    slider: { min: 10, max: 2000 },
    log: true,
    doc: 'input dimension',
  },
  k: {
    type: 'int',
    min: 2,
    max: 20,
    default: 4,
    symbol: 'k',
    slider: { min: 2, max: 20 },
    doc: 'number of classes (k-GMM; xor always has 4 clusters, 2 labels)',
  },
  K: {
    type: 'int',
    min: 1,
    max: 64,
    default: 4,
    symbol: 'K',
    slider: { min: 1, max: 64 },
    log: true,
    doc: 'hidden width of the 2-layer models (xor, mlp)',
  },
  lambda: {
    type: 'number',
    min: 0.01,
    max: 1e6,
    default: 50,
    symbol: 'λ',
    log: true,
    slider: { min: 0.1, max: 10000 },
    doc: 'signal-to-noise ratio: Y = μ + Z/√λ',
  },
  overlap: {
    type: 'number',
    min: -0.5,
    max: 0.95,
    default: 0,
    symbol: 'ρ',
    slider: { min: -0.3, max: 0.9, step: 0.01 },
    doc: 'pairwise overlap μ_a·μ_b of the k-GMM means (0 = orthonormal; must exceed −1/(k−1))',
  },
  beta: {
    type: 'number',
    min: 0,
    max: 10,
    default: 0.1,
    symbol: 'β',
    slider: { min: 0, max: 1, step: 0.005 },
    doc: 'ridge (L2) penalty in the training loss; H carries +βI',
  },
  cdelta: {
    type: 'number',
    min: 1e-4,
    max: 100,
    default: 1,
    symbol: 'c_δ',
    log: true,
    slider: { min: 0.01, max: 10 },
    doc: 'step-size constant: δ = c_δ/d',
  },
  batch: {
    type: 'int',
    min: 1,
    max: 4096,
    default: 1,
    symbol: 'B',
    slider: { min: 1, max: 256 },
    log: true,
    doc: 'SGD minibatch size (1 = online SGD, one fresh sample per step)',
  },
  phi: {
    type: 'number',
    min: 0.1,
    max: 20,
    default: 2,
    symbol: 'φ',
    slider: { min: 0.5, max: 10, step: 0.1 },
    doc: 'test-set size ratio: M = φ·d samples build H and G (ignored when M > 0)',
  },
  M: { type: 'int', min: 0, max: 200000, default: 0, symbol: 'M', doc: 'number of test samples for H and G; 0 = φ·d' },
  measureOn: {
    type: 'enum',
    values: MEASURE_SETS,
    default: 'test',
    doc: "the samples H and G are built on: test = the fixed test set (drawn once, independent of the training); recent = the last M samples SGD drew at each checkpoint (the training stream's recent window: used to train, so not independent of the parameters; before M samples are drawn, the stream's first M). Loss and accuracy stay on the test set",
  },
  gRidge: {
    type: 'bool',
    default: false,
    doc: "G with ridge: G built on the regularised per-sample gradients g_i + βx (the loss SGD descends), G_β = G + β(ḡxᵀ + xḡᵀ) + β²xxᵀ, instead of the cross-entropy gradients alone (the paper's G)",
  },
  T: {
    type: 'number',
    min: 0.01,
    max: 10000,
    default: 25,
    symbol: 'T',
    slider: { min: 0.5, max: 200 },
    log: true,
    doc: 'training time in units of t = step·δ (steps = T·d/c_δ)',
  },
  every: {
    type: 'int',
    min: 1,
    max: 10_000_000,
    default: 750,
    unit: 'steps',
    slider: { min: 10, max: 20000 },
    log: true,
    doc: 'SGD steps between checkpoints (spectra and metrics are measured at each)',
  },
  topj: {
    type: 'int',
    min: 0,
    max: 64,
    default: 0,
    symbol: 'j',
    slider: { min: 0, max: 20 },
    doc: "eigenpairs tracked per class/neuron block; 0 = the paper's choice (k for softmax/mlp classes, 2 for xor layer1:i, 4 for xor layer2)",
  },
  seed: {
    type: 'int',
    min: 0,
    max: 2147483647,
    default: 1,
    doc: 'random seed: same config + seed gives the same numbers on the same backend',
  },
  solver: {
    type: 'enum',
    values: SOLVERS,
    default: 'krylov',
    doc: 'eigensolver: krylov (default: block Krylov–Davidson + Rayleigh–Ritz with locking and thick restart, warm-started), chebyshev (filtered block subspace + Rayleigh–Ritz, warm-started), subspace (block subspace + Rayleigh–Ritz, warm-started), power (power iteration with deflation, reference)',
  },
  tol: {
    type: 'number',
    min: 1e-7,
    max: 0.1,
    default: 1e-4,
    log: true,
    slider: { min: 1e-6, max: 1e-2 },
    doc: 'eigen residual tolerance: ‖Au − θu‖ ≤ tol·|θ|',
  },
  full: {
    type: 'bool',
    default: true,
    doc: 'also track the full-parameter block (all parameters at once) besides the per-class/per-neuron/per-layer blocks',
  },
  backend: {
    type: 'enum',
    values: BACKENDS,
    default: 'auto',
    doc: 'tfjs backend; auto = fastest that starts (Node: wasm, cpu fallback)',
  },
  theory: {
    type: 'bool',
    default: true,
    doc: 'add the theory to every checkpoint: bulk edge of the diagonal-form blocks (generalised Marchenko–Pastur), λ → ∞ outlier positions and the effective-dynamics ODE of the summary statistics (changes no measured number; 0 leaves it out of the run file)',
  },
} as const satisfies Record<string, KeySpec>;

export type ConfigKey = keyof typeof SCHEMA;

export interface Config {
  model: ModelName;
  d: number;
  k: number;
  K: number;
  lambda: number;
  overlap: number;
  beta: number;
  cdelta: number;
  batch: number;
  phi: number;
  M: number;
  measureOn: MeasureSet;
  gRidge: boolean;
  T: number;
  every: number;
  topj: number;
  seed: number;
  solver: SolverName;
  tol: number;
  full: boolean;
  backend: BackendName;
  theory: boolean;
}

export const CONFIG_KEYS = Object.keys(SCHEMA) as ConfigKey[];

export function defaultConfig(): Config {
  const out: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) out[key] = SCHEMA[key].default;
  return out as unknown as Config;
}

/** Quantities derived from a config: what the engine actually runs. */
export interface Resolved {
  /** test-set size actually used */
  M: number;
  /** step size δ = c_δ/d */
  delta: number;
  /** total SGD steps */
  steps: number;
  /** number of classes of the data (xor: 4 clusters) */
  clusters: number;
  /** number of labels the model predicts (xor: 2) */
  labels: number;
}

export function resolve(config: Config): Resolved {
  const M = config.M > 0 ? config.M : Math.max(1, Math.round(config.phi * config.d));
  const delta = config.cdelta / config.d;
  const steps = Math.max(1, Math.round(config.T / delta));
  const info = modelInfo(config.model);
  const clusters = info.clusters(config);
  const labels = info.labels(config);
  return { M, delta, steps, clusters, labels };
}
