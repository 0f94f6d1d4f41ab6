// A saved run (a run file opened with "Open run…") as the panels' snapshot, without the Worker: the
// panels are functions of the checkpoints. The projection needs the data: when the file has `data`
// (the CLI's --include-data, the app's export) it is computed here from the last checkpoint's
// parameters; the spectral density needs the live operator and is not in a run file.
import type { RunFile } from '../engine/runFile';
import { modelInfo } from '../models/registry';
import { resolve, type Config } from '../state/schema';
import type { ProjectionFrame, ViewRequest } from '../worker/protocol';
import type { EngineSnapshot } from './engineClient';

export interface SavedRun {
  name: string;
  file: RunFile;
  config: Config;
}


function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** e1 = a/|a|, e2 = (b − (b·e1)e1)/|…| (undefined when parallel). */
function plane(a: number[], b: number[]): [Float64Array, Float64Array] | undefined {
  const e1 = Float64Array.from(a);
  const n1 = Math.sqrt(dot(e1, e1));
  if (!(n1 > 1e-12)) return undefined;
  e1.forEach((v, i) => (e1[i] = v / n1));
  const e2 = Float64Array.from(b);
  const c = dot(e2, e1);
  e2.forEach((v, i) => (e2[i] = v - c * e1[i]));
  const n2 = Math.sqrt(dot(e2, e2));
  if (!(n2 > 1e-12)) return undefined;
  e2.forEach((v, i) => (e2[i] = v / n2));
  return [e1, e2];
}

export function savedProjection(saved: SavedRun, view: ViewRequest): ProjectionFrame | undefined {
  const { file, config } = saved;
  const data = file.data;
  if (!data) return undefined;
  const info = modelInfo(config.model);
  const count = data.means.length;
  const a = Math.min(view.pa, count - 1);
  const b = view.pb < count && view.pb !== a ? view.pb : a === 0 ? 1 : 0;
  const names = info.meanNames({ k: count });
  const basis = plane(data.means[a], data.means[b]);
  const orth = Math.abs(dot(data.means[a], data.means[b])) > 1e-9;
  const notes: string[] = [];
  if (view.plane === 'eigen') notes.push('a run file stores no eigenvectors: showing the plane of two means');
  const [e1, e2] = basis ?? [new Float64Array(config.d), new Float64Array(config.d)];
  const { inputs, labels } = data.test;
  const n = inputs.length;
  const points = new Float32Array(2 * n);
  const clusters = new Int32Array(n);
  for (let m = 0; m < n; m++) {
    points[2 * m] = dot(inputs[m], e1);
    points[2 * m + 1] = dot(inputs[m], e2);
    clusters[m] = info.clusterOfSample ? info.clusterOfSample.of(labels[m], (row) => dot(inputs[m], data.means[row])) : labels[m];
  }
  if (info.clusterOfSample) notes.push(info.clusterOfSample.note);
  const key = 'x' in data.params ? 'x' : 'W';
  const rows = ((data.params[key] as number[][] | undefined) ?? []).filter(Array.isArray);
  const weights = new Float32Array(2 * rows.length);
  rows.forEach((row, r) => {
    weights[2 * r] = dot(row, e1);
    weights[2 * r + 1] = dot(row, e2);
  });
  const signed = info.clusterMeans({ k: count });
  const means = new Float32Array(2 * signed.length);
  signed.forEach(([r, s], i) => {
    means[2 * i] = s * dot(data.means[r], e1);
    means[2 * i + 1] = s * dot(data.means[r], e2);
  });
  const last = file.checkpoints[file.checkpoints.length - 1];
  return {
    runId: 0,
    step: last.step,
    axes: [names[a], orth ? `${names[b]}⊥` : names[b]],
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
    logs: [{ level: 'info', message: `opened ${name}: ${file.checkpoints.length} checkpoints, backend ${file.backend}` }],
  };
}
