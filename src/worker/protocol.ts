// The typed, versioned message protocol between the main thread (renders) and the engine Worker
// (computes). Every message carries v = PROTOCOL_VERSION; a mismatch is an error, not a guess.
// Frames that belong to a run carry its runId so the main thread can drop frames of a stale run.
import type { CheckpointRecord } from '../engine/runFile';
import {
  CONFIG_KEYS,
  MATRICES,
  SCHEMA,
  type Config,
  type KeySpec,
  type MatrixKind,
  type Resolved,
} from '../state/schema';
import { PLANES, type PlaneName } from '../state/view';

export const PROTOCOL_VERSION = 1 as const;
type V = { v: typeof PROTOCOL_VERSION };

/** What the panels ask the worker to compute for the current checkpoint. */
export interface ViewRequest {
  matrix: MatrixKind;
  block: string;
  plane: PlaneName;
  pa: number;
  pb: number;
}

export type Command = V &
  (
    | { type: 'start'; runId: number; config: Config; view: ViewRequest; speed: number; autoplay: boolean }
    | { type: 'play' }
    | { type: 'pause' }
    /** one checkpoint interval, then pause */
    | { type: 'step' }
    | { type: 'reset' }
    | { type: 'speed'; speed: number }
    | { type: 'view'; view: ViewRequest }
    | { type: 'export'; includeData: boolean }
    /** liveness check, answered at once (outside the command queue) with a `pong` */
    | { type: 'ping'; id: number }
    /** test/debug hook: really lose the GPU backend (simulated for wasm/cpu), or crash the Worker */
    | { type: 'debug'; fault: 'lose-backend' | 'crash' }
  );

export type RunState = 'starting' | 'playing' | 'paused' | 'done' | 'diverged' | 'failed';

export interface BlockInfo {
  id: string;
  dim: number;
}

export interface BackendReport {
  name: string;
  /** e.g. "wasm — fastest of 1 timed here (webgl, cpu not timed)" */
  reason: string;
  /** the representative operator apply, ms per backend that started and was timed */
  timings: { name: string; ms: number }[];
  failures: { name: string; error: string }[];
  /** backends not timed, and why (cpu once wasm runs) */
  skipped?: { name: string; why: string }[];
}

export interface DensityFrame {
  runId: number;
  step: number;
  matrix: MatrixKind;
  block: string;
  /** SLQ quadrature: Ritz values and weights (sum 1); the chart smooths them on its own axis */
  nodes: Float64Array;
  weights: Float64Array;
  dim: number;
  /** top-j eigenvalues at this checkpoint and the bulk edge */
  eigenvalues: number[];
  bulkEdge: number;
  outliers: number;
  /**
   * theory (when the run computes it and the block is of diagonal form): the limiting bulk density of
   * the block at the current weights on a grid (engine/theory.ts bulkCurve), and its λ → ∞ outliers
   */
  theory?: {
    x: Float64Array;
    density: Float64Array;
    atom: number;
    shift: number;
    edge: number;
    limitOutliers?: number[];
    /** per λ → ∞ value: at or below the bulk edge (no outlier predicted) */
    limitInsideBulk?: boolean[];
    /** the outliers predicted at the run's λ (spiked weighted Wishart) */
    finiteOutliers?: number[];
  };
}

export interface ProjectionFrame {
  runId: number;
  step: number;
  /** what the two axes are, for labels: "μ_0", "μ_1⊥" or "u_1 (H, class:0)" */
  axes: [string, string];
  /** M points, interleaved x, y */
  points: Float32Array;
  /** cluster of each point (colour) */
  clusters: Int32Array;
  clusterCount: number;
  /** weight vectors (softmax x^c, 2-layer W_i) projected: interleaved x, y */
  weights: Float32Array;
  weightLabel: string;
  /** the means projected (interleaved), signed cluster means for xor */
  means: Float32Array;
  note?: string;
}

export type Frame = V &
  (
    | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
    | { type: 'backend'; report: BackendReport }
    | { type: 'started'; runId: number; config: Config; resolved: Resolved; blocks: BlockInfo[]; backend: string }
    | { type: 'progress'; runId: number; step: number; steps: number; time: number; state: RunState; message?: string }
    /** new checkpoints since the last frame (batched so frames stay under ~30/s) */
    | { type: 'checkpoints'; runId: number; records: CheckpointRecord[] }
    | ({ type: 'density' } & DensityFrame)
    | ({ type: 'projection' } & ProjectionFrame)
    | { type: 'export'; json: string }
    | { type: 'error'; runId?: number; message: string }
    /** something the user must be told (backend lost and replaced, …); `key` names the subject */
    | { type: 'notice'; runId?: number; key: string; message: string }
    | { type: 'pong'; id: number }
  );

export type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

/**
 * Why `data` is not a frame of this protocol (undefined when it is one): the version, a known `type`
 * and that type's fields, by their JS types (the records' contents are the run file's, checked where
 * they are read).
 */
export function frameProblem(data: unknown): string | undefined {
  return problemOf(data, FRAME_FIELDS, 'frame');
}

/** Why `data` is not a command of this protocol (undefined when it is one); see frameProblem. */
export function commandProblem(data: unknown): string | undefined {
  return problemOf(data, COMMAND_FIELDS, 'command');
}

export function isFrame(data: unknown): data is Frame {
  return frameProblem(data) === undefined;
}

export function isCommand(data: unknown): data is Command {
  return commandProblem(data) === undefined;
}

/** A field's check: undefined when the value fits, else what was expected ("must be …", or "field must be …"). */
type Check = (value: unknown) => string | undefined;
type Fields = Record<string, Check>;

const is =
  (expected: string, test: (value: unknown) => boolean): Check =>
  (value) =>
    test(value) ? undefined : `must be ${expected}`;
const str = is('a string', (v) => typeof v === 'string');
const num = is('a finite number', (v) => typeof v === 'number' && Number.isFinite(v));
const int = is('an integer', (v) => Number.isInteger(v));
const bool = is('a boolean', (v) => typeof v === 'boolean');
const oneOf = (values: readonly string[]): Check =>
  is(`one of ${values.join(', ')}`, (v) => typeof v === 'string' && values.includes(v));
const array = is('an array', Array.isArray);
const object = is('an object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
const f64 = is('a Float64Array', (v) => v instanceof Float64Array);
const f32 = is('a Float32Array', (v) => v instanceof Float32Array);
const i32 = is('an Int32Array', (v) => v instanceof Int32Array);
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined ? undefined : check(value);
const shape =
  (fields: Fields): Check =>
  (value) => {
    const notObject = object(value);
    if (notObject) return notObject;
    for (const [key, check] of Object.entries(fields)) {
      const wrong = check((value as Record<string, unknown>)[key]);
      // a leaf says what it expected; a nested shape names its own field
      if (wrong) return wrong.startsWith('must be ') ? `${key} ${wrong}` : `${key}.${wrong}`;
    }
    return undefined;
  };

/** every key of the config schema, of its type (ranges are the config validation's) */
const config: Check = shape(
  Object.fromEntries(
    CONFIG_KEYS.map((key) => {
      const spec: KeySpec = SCHEMA[key];
      return [
        key,
        spec.type === 'enum' ? oneOf(spec.values ?? []) : spec.type === 'bool' ? bool : spec.type === 'int' ? int : num,
      ];
    }),
  ),
);
const view = shape({ matrix: oneOf(MATRICES), block: str, plane: oneOf(PLANES), pa: int, pb: int });
const report = shape({ name: str, reason: str, timings: array, failures: array, skipped: optional(array) });
const runId = int;

const COMMAND_FIELDS: Record<Command['type'], Fields> = {
  start: { runId, config, view, speed: num, autoplay: bool },
  play: {},
  pause: {},
  step: {},
  reset: {},
  speed: { speed: num },
  view: { view },
  export: { includeData: bool },
  ping: { id: num },
  debug: { fault: oneOf(['lose-backend', 'crash']) },
};

const FRAME_FIELDS: Record<Frame['type'], Fields> = {
  log: { level: oneOf(['info', 'warn', 'error']), message: str },
  backend: { report },
  started: { runId, config, resolved: object, blocks: array, backend: str },
  progress: {
    runId,
    step: num,
    steps: num,
    time: num,
    state: oneOf(['starting', 'playing', 'paused', 'done', 'diverged', 'failed']),
    message: optional(str),
  },
  checkpoints: { runId, records: array },
  density: {
    runId,
    step: num,
    matrix: oneOf(MATRICES),
    block: str,
    nodes: f64,
    weights: f64,
    dim: int,
    eigenvalues: array,
    bulkEdge: num,
    outliers: num,
    theory: optional(object),
  },
  projection: {
    runId,
    step: num,
    axes: array,
    points: f32,
    clusters: i32,
    clusterCount: int,
    weights: f32,
    weightLabel: str,
    means: f32,
    note: optional(str),
  },
  export: { json: str },
  error: { runId: optional(runId), message: str },
  notice: { runId: optional(runId), key: str, message: str },
  pong: { id: num },
};

function problemOf(data: unknown, known: Record<string, Fields>, what: string): string | undefined {
  if (typeof data !== 'object' || data === null) return `a ${what} must be an object`;
  const { v, type } = data as { v?: unknown; type?: unknown };
  if (v !== PROTOCOL_VERSION)
    return `protocol v${PROTOCOL_VERSION} expected, got ${typeof v === 'number' ? `v${v}` : 'no version'}`;
  if (typeof type !== 'string' || !Object.hasOwn(known, type))
    return `unknown ${what} ${typeof type === 'string' ? `'${type}'` : '(no type)'}`;
  const wrong = shape(known[type])(data);
  return wrong ? `${what} '${type}': ${wrong}` : undefined;
}
