// A run as a run file (runFile.ts): its config as resolved, status, checkpoints and, on request, the
// data behind them (means, test set, last finite parameters).
import type { RunFile } from './runFile';
import { RUN_SCHEMA } from './runFile';
import type { Run } from './run';
import { SCHEMA } from '../state/schema';
import { matricesNote } from '../state/measurement';

export function runFileOf(run: Run, options: { backend: string; includeData?: boolean }): RunFile {
  // measureOn and gRidge are written only when not at their defaults: a default run's file is unchanged
  const { measureOn, gRidge, ...config } = run.config;
  const file: RunFile = {
    schema: RUN_SCHEMA,
    config: {
      ...config,
      ...(measureOn !== SCHEMA.measureOn.default ? { measureOn } : {}),
      ...(gRidge !== SCHEMA.gRidge.default ? { gRidge } : {}),
      M: run.resolved.M,
      steps: run.resolved.steps,
      delta: run.resolved.delta,
    },
    backend: options.backend,
    status: run.status,
    checkpoints: run.checkpoints,
  };
  const matrices = matricesNote(run.config, run.resolved.M);
  if (matrices) file.matrices = matrices;
  if (run.status === 'diverged') file.message = run.message;
  if (options.includeData) {
    const { d } = run.config;
    const { samples } = run.test;
    const rows = (data: ArrayLike<number>, n: number, width: number) =>
      Array.from({ length: n }, (_, r) =>
        Array.from(Array.prototype.slice.call(data, r * width, (r + 1) * width) as number[]),
      );
    file.data = {
      means: rows(run.mixture.means, run.mixture.meanCount, d),
      test: { inputs: rows(samples.inputs, samples.n, d), labels: Array.from(samples.labels) },
      params: run.model.paramRecord(run.lastFiniteParams),
    };
    const window = run.windowOfLastCheckpoint();
    if (window) file.data.window = { inputs: rows(window.inputs, window.n, d), labels: Array.from(window.labels) };
  }
  return file;
}
