// What the panels show beside the checkpoint records, computed in the Worker from the live run:
// the spectral density of one block (SLQ on the last checkpoint's operator) and the 2-D projection
// of the test samples and weight vectors.
import type { Run } from '../engine/run';
import type { CheckpointRecord } from '../engine/runFile';
import { bulkCurve } from '../engine/theory';
import { slqDensityBatched } from '../math/eigen';
import { modelInfo } from '../models/registry';
import { meanPlane, planeBasis, projectRows, zeroBasis, type PlaneBasis } from '../math/planeProjection';
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
    async (inputs, counts) =>
      curvature.apply([{ matrix: view.matrix, block: view.block, vectors: inputs[0], count: counts[0] }]),
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
  const { limitOutliers, limitInsideBulk, finiteOutliers } = block ?? {};
  const predicted = { limitOutliers, limitInsideBulk, finiteOutliers };
  if (!weights)
    return limitOutliers
      ? { x: new Float64Array(0), density: new Float64Array(0), atom: 0, shift: 0, edge: NaN, ...predicted }
      : undefined;
  const shift = view.matrix === 'H' ? run.config.beta : 0;
  const curve = bulkCurve(weights, run.config.d / run.resolved.M, run.config.lambda, shift);
  return { x: curve.x, density: curve.density, atom: curve.atom, shift, edge: curve.edge, ...predicted };
}

export function computeProjection(run: Run, runId: number, view: ViewRequest): ProjectionFrame {
  const { d } = run.config;
  const { mixture } = run;
  const meanRow = (r: number) => mixture.means.subarray(r * d, (r + 1) * d);
  let basis: PlaneBasis | undefined;
  let axes: [string, string] = ['', ''];
  let note: string | undefined;

  if (view.plane === 'eigen') {
    // The plane must live in input space (R^d): use the selected block if it is d×d, else the first such block.
    const sameDim = run.tracked.filter((t) => t.matrix === view.matrix && t.block.dim === d);
    const chosen = sameDim.find((t) => t.block.id === view.block) ?? sameDim[0];
    const vectors = chosen ? run.eigenvectorsOf(view.matrix, chosen.block.id) : undefined;
    if (chosen && vectors && vectors.length >= 2 * d) {
      basis = planeBasis(vectors.subarray(0, d), vectors.subarray(d, 2 * d));
      axes = [`u₁ (${view.matrix}, ${chosen.block.id})`, `u₂ (${view.matrix}, ${chosen.block.id})`];
      if (chosen.block.id !== view.block)
        note = `${view.block} is not a d×d block; showing the top eigenvectors of ${chosen.block.id}`;
    } else note = 'no top-2 eigenvectors yet; showing the plane of two means';
  }
  if (!basis)
    ({ basis, axes } = meanPlane(
      meanRow,
      mixture.meanCount,
      modelInfo(run.config.model).meanNames(run.config),
      view.pa,
      view.pb,
    ));
  const plane = basis ?? zeroBasis(d);

  const { inputs, n, clusters } = run.test.samples;
  const points = projectRows((m) => inputs.subarray(m * d, (m + 1) * d), n, plane);
  // Weight vectors in input space: softmax x^c, 2-layer first-layer rows W_i.
  const record = run.model.paramRecord(run.params);
  const key = 'x' in record ? 'x' : 'W';
  const rows = (record[key] as number[][]) ?? [];
  const weights = projectRows((r) => rows[r], rows.length, plane);
  const signed = Array.from({ length: mixture.clusters }, (_, c) => [mixture.centreRow[c], mixture.centreSign[c]]);
  const means = projectRows(
    (i) => meanRow(signed[i][0]),
    signed.length,
    plane,
    (i) => signed[i][1],
  );
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
