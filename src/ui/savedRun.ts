// A saved run (a run file opened with "Open run…") as the panels' snapshot, without the Worker: the
// panels are functions of the checkpoints. The projection needs the data: when the file has `data`
// (the CLI's --include-data, the app's export) it is computed here from the last checkpoint's
// parameters; the spectral density needs the live operator and is not in a run file.
import type { RunFile } from '../engine/runFile';
import { modelInfo } from '../models/registry';
import { dot, meanPlane, projectRows, zeroBasis } from '../math/planeProjection';
import { resolve, type Config } from '../state/schema';
import type { ProjectionFrame, ViewRequest } from '../worker/protocol';
import type { EngineSnapshot } from './engineClient';

export interface SavedRun {
  name: string;
  file: RunFile;
  config: Config;
}

export function savedProjection(saved: SavedRun, view: ViewRequest): ProjectionFrame | undefined {
  const { file, config } = saved;
  const data = file.data;
  if (!data) return undefined;
  const info = modelInfo(config.model);
  const count = data.means.length;
  const mean = (r: number) => data.means[r];
  const { basis, axes } = meanPlane(mean, count, info.meanNames({ k: count }), view.pa, view.pb);
  const notes: string[] = [];
  if (view.plane === 'eigen') notes.push('a run file stores no eigenvectors: showing the plane of two means');
  const plane = basis ?? zeroBasis(config.d);
  const { inputs, labels } = data.test;
  const n = inputs.length;
  const points = projectRows((m) => inputs[m], n, plane);
  const clusters = Int32Array.from({ length: n }, (_, m) =>
    info.clusterOfSample ? info.clusterOfSample.of(labels[m], (row) => dot(inputs[m], data.means[row])) : labels[m],
  );
  if (info.clusterOfSample) notes.push(info.clusterOfSample.note);
  const key = 'x' in data.params ? 'x' : 'W';
  const rows = ((data.params[key] as number[][] | undefined) ?? []).filter(Array.isArray);
  const weights = projectRows((r) => rows[r], rows.length, plane);
  const signed = info.clusterMeans({ k: count });
  const means = projectRows(
    (i) => mean(signed[i][0]),
    signed.length,
    plane,
    (i) => signed[i][1],
  );
  const last = file.checkpoints[file.checkpoints.length - 1];
  return {
    runId: 0,
    step: last.step,
    axes,
    points,
    clusters,
    clusterCount: info.clusters(config),
    weights,
    weightLabel: key,
    means,
    note: notes.length ? notes.join('; ') : undefined,
  };
}

/** What the panels show for a saved run. */
export function savedSnapshot(saved: SavedRun, view: ViewRequest): EngineSnapshot {
  const { file, config, name } = saved;
  const last = file.checkpoints[file.checkpoints.length - 1];
  const resolved = resolve(config);
  const blocks = [...new Set(last.spectra.map((s) => s.block))].map((id) => ({ id, dim: 0 }));
  const projection = savedProjection(saved, view);
  return {
    runId: 0,
    state: file.status === 'diverged' ? 'diverged' : 'done',
    step: last.step,
    steps: resolved.steps,
    time: last.time,
    message: file.status === 'diverged' ? file.message || 'the saved run diverged' : undefined,
    config,
    resolved,
    blocks,
    checkpoints: file.checkpoints,
    projection,
    backend: { name: file.backend, reason: `saved run (${file.backend})`, timings: [], failures: [] },
    logs: [
      { level: 'info', message: `opened ${name}: ${file.checkpoints.length} checkpoints, backend ${file.backend}` },
    ],
  };
}
