// The typed, versioned message protocol between the main thread (renders) and the engine Worker
// (computes). Every message carries v = PROTOCOL_VERSION; a mismatch is an error, not a guess.
// Frames that belong to a run carry its runId so the main thread can drop frames of a stale run.
import type { CheckpointRecord } from '../engine/runFile';
import type { Config, MatrixKind, Resolved } from '../state/schema';
import type { PlaneName } from '../state/view';

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
  theory?: { x: Float64Array; density: Float64Array; atom: number; shift: number; edge: number; limitOutliers?: number[] };
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

export function isFrame(data: unknown): data is Frame {
  return typeof data === 'object' && data !== null && (data as { v?: unknown }).v === PROTOCOL_VERSION && typeof (data as { type?: unknown }).type === 'string';
}

export function isCommand(data: unknown): data is Command {
  return isFrame(data);
}
