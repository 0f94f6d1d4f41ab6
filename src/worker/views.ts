// What the panels show beside the checkpoint records, computed in the Worker from the live run:
// the spectral density of one block (SLQ on the last checkpoint's operator) and the 2-D projection
// of the test samples and weight vectors.
import type { Run } from '../engine/run';
import type { CheckpointRecord } from '../engine/runFile';
import { bulkCurve } from '../engine/theory';
import { slqDensityBatched } from '../math/eigen';
import { modelInfo } from '../models/registry';
import type { DensityFrame, ProjectionFrame, ViewRequest } from './protocol';

/** Lanczos steps and probes: ~dim-independent cost, enough to resolve k outliers and the bulk shape. */
const SLQ_STEPS = 48;
const SLQ_PROBES = 4;

export async function computeDensity(run: Run, runId: number, view: ViewRequest): Promise<DensityFrame | undefined> {
  const curvature = run.lastCurvature;
  const tracked = run.tracked.find((t) => t.matrix === view.matrix && t.block.id === view.block);
  const last = run.checkpoints[run.checkpoints.length - 1];
  if (!curvature || !tracked || !last) return undefined;
  const spectrum = last.spectra.find((s) => s.matrix === view.matrix && s.block === view.block);
  if (!spectrum) return undefined;
  const dim = tracked.block.dim;
  const [result] = await slqDensityBatched(
    [dim],
    async (inputs, counts) => curvature.apply([{ matrix: view.matrix, block: view.block, vectors: inputs[0], count: counts[0] }]),
    { steps: Math.min(SLQ_STEPS, dim), probes: SLQ_PROBES, seed: run.config.seed },
  );
  return {
    runId,
    step: last.step,
    matrix: view.matrix,
    block: view.block,
    nodes: result.nodes,
    weights: result.weights,
    dim,
    eigenvalues: spectrum.eigenvalues,
    bulkEdge: spectrum.bulkEdge,
    outliers: spectrum.outliers,
    theory: densityTheory(run, view, last),
  };
}

/** The predicted bulk of the viewed block (diagonal-form blocks) and its λ → ∞ outliers, if the run has theory. */
function densityTheory(run: Run, view: ViewRequest, last: CheckpointRecord): DensityFrame['theory'] {
  if (!run.config.theory || !last.theory) return undefined;
  const block = last.theory.blocks.find((b) => b.matrix === view.matrix && b.block === view.block);
  const weights = run.lastCurvature?.weights(view.matrix, view.block);
  const limitOutliers = block?.limitOutliers;
  if (!weights) return limitOutliers ? { x: new Float64Array(0), density: new Float64Array(0), atom: 0, shift: 0, edge: NaN, limitOutliers } : undefined;
  const shift = view.matrix === 'H' ? run.config.beta : 0;
  const curve = bulkCurve(weights, run.config.d / run.resolved.M, run.config.lambda, shift);
  return { x: curve.x, density: curve.density, atom: curve.atom, shift, edge: curve.edge, limitOutliers };
}

function dotRow(data: ArrayLike<number>, offset: number, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += data[offset + i] * v[i];
  return s;
}

function normalize(v: Float64Array): boolean {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n);
  if (!(n > 1e-12)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return true;
}

/** Orthonormal plane basis from two directions (Gram–Schmidt); undefined if they are parallel. */
function planeBasis(a: Float64Array, b: Float64Array): [Float64Array, Float64Array] | undefined {
  const e1 = Float64Array.from(a);
  const e2 = Float64Array.from(b);
  if (!normalize(e1)) return undefined;
  const c = dotRow(e2, 0, e1);
  for (let i = 0; i < e2.length; i++) e2[i] -= c * e1[i];
  if (!normalize(e2)) return undefined;
  return [e1, e2];
}


export function computeProjection(run: Run, runId: number, view: ViewRequest): ProjectionFrame {
  const { d } = run.config;
  const { mixture } = run;
  const meanRow = (r: number) => Float64Array.from(mixture.means.subarray(r * d, (r + 1) * d));
  let basis: [Float64Array, Float64Array] | undefined;
  let axes: [string, string] = ['', ''];
  let note: string | undefined;

  if (view.plane === 'eigen') {
    // The plane must live in input space (R^d): use the selected block if it is d×d, else the first such block.
    const sameDim = run.tracked.filter((t) => t.matrix === view.matrix && t.block.dim === d);
    const chosen = sameDim.find((t) => t.block.id === view.block) ?? sameDim[0];
    const vectors = chosen ? run.eigenvectorsOf(view.matrix, chosen.block.id) : undefined;
    if (chosen && vectors && vectors.length >= 2 * d) {
      basis = planeBasis(vectors.subarray(0, d) as Float64Array, vectors.subarray(d, 2 * d) as Float64Array);
      axes = [`u₁ (${view.matrix}, ${chosen.block.id})`, `u₂ (${view.matrix}, ${chosen.block.id})`];
      if (chosen.block.id !== view.block) note = `${view.block} is not a d×d block; showing the top eigenvectors of ${chosen.block.id}`;
    } else note = 'no top-2 eigenvectors yet; showing the plane of two means';
  }
  if (!basis) {
    const count = mixture.meanCount;
    const a = Math.min(view.pa, count - 1);
    const b = view.pb < count && view.pb !== a ? view.pb : a === 0 ? 1 : 0;
    const names = modelInfo(run.config.model).meanNames(run.config);
    basis = planeBasis(meanRow(a), meanRow(b));
    const orth = Math.abs(dotRow(mixture.means, a * d, meanRow(b))) > 1e-9;
    axes = [names[a], orth ? `${names[b]}⊥` : names[b]];
  }
  const [e1, e2] = basis ?? [new Float64Array(d).fill(0), new Float64Array(d).fill(0)];

  const { inputs, n, clusters } = run.test.samples;
  const points = new Float32Array(2 * n);
  for (let m = 0; m < n; m++) {
    points[2 * m] = dotRow(inputs, m * d, e1);
    points[2 * m + 1] = dotRow(inputs, m * d, e2);
  }
  // Weight vectors in input space: softmax x^c, 2-layer first-layer rows W_i.
  const record = run.model.paramRecord(run.params);
  const key = 'x' in record ? 'x' : 'W';
  const rows = (record[key] as number[][]) ?? [];
  const weights = new Float32Array(2 * rows.length);
  rows.forEach((row, r) => {
    const v = Float64Array.from(row);
    weights[2 * r] = dotRow(v, 0, e1);
    weights[2 * r + 1] = dotRow(v, 0, e2);
  });
  const signed = Array.from({ length: mixture.clusters }, (_, c) => [mixture.centreRow[c], mixture.centreSign[c]]);
  const means = new Float32Array(2 * signed.length);
  signed.forEach(([r, s], i) => {
    means[2 * i] = s * dotRow(mixture.means, r * d, e1);
    means[2 * i + 1] = s * dotRow(mixture.means, r * d, e2);
  });
  return {
    runId,
    step: run.step,
    axes,
    points,
    clusters: Int32Array.from(clusters),
    clusterCount: mixture.clusters,
    weights,
    weightLabel: key === 'x' ? 'x' : 'W',
    means,
    note,
  };
}
