// The run file `eigenalign.run/1` (docs/RUN-FORMAT.md): what the CLI writes and the app
// exports. Field names are a public contract: add freely, never rename.
import type { Config, MatrixKind } from '../state/schema';
import type { TheoryRecord } from './theory';

export const RUN_SCHEMA = 'eigenalign.run/1';

export interface SpectrumRecord {
  matrix: MatrixKind;
  /** softmax: "class:c", "full"; xor/mlp: "layer1", "layer1:i", "layer2", "full" */
  block: string;
  /** top-j, descending */
  eigenvalues: number[];
  residuals: number[];
  converged: boolean[];
  /** ‖Uᵀx_b‖/‖x_b‖ */
  alignment: number;
  /** eigenvalues judged above the bulk */
  outliers: number;
  /** the bulk edge used for that judgement */
  bulkEdge: number;
  /** matrix–vector products this solve spent */
  applications?: number;
}

export interface CheckpointRecord {
  step: number;
  time: number;
  loss: number;
  accuracy: number;
  spectra: SpectrumRecord[];
  /** softmax: m (k×k) = x^a·μ_b, R (k×k) = x^a·x^b; xor: mmu, mnu, v, Rperp */
  summary: Record<string, number[][] | number[]>;
  /** theory beside the measurement (engine/theory.ts); present when config.theory is on */
  theory?: TheoryRecord;
  /** optional per-model extras (per-cluster accuracy, …) */
  [extra: string]: unknown;
}

export interface RunData {
  means: number[][];
  test: { inputs: number[][]; labels: number[] };
  params: Record<string, number[][] | number[]>;
}

export interface RunFile {
  schema: typeof RUN_SCHEMA;
  config: Config & { M: number; steps: number; delta: number };
  backend: string;
  status?: 'ok' | 'diverged';
  message?: string;
  checkpoints: CheckpointRecord[];
  data?: RunData;
  [extra: string]: unknown;
}
