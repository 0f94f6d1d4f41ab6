// What a model brings to the app. Each model folder (src/models/<name>/) exports two halves:
//  • ModelInfo — what state, CLI and UI know of it: sizes, blocks, budgets, labels, panels, the
//    summary schema. Light: no tensors, so the main thread can import it.
//  • ModelEngine — what a run computes with it: the data law, the math model (SGD and curvature
//    blocks, src/math/models), the theory and the diagnosis. Loaded by the engine only.
// registry.ts and engines.ts map names to them; nothing outside the model folders asks for a name.
import type * as v from 'valibot';
import type { MatrixKind } from '../math/matrices';
import type { Mixture } from '../math/mixture';
import type { Model } from '../math/models/model';
import type { XorDiagnosis } from '../math/models/xorDiagnosis';
import type { Stream } from '../math/rng';
import type { NeuronData } from './neurons';

/** The config keys a model reads (the state's Config has them all). */
export interface ModelSettings {
  d: number;
  k: number;
  K: number;
  lambda: number;
  overlap: number;
  topj: number;
  full: boolean;
}

/** Summary statistics: named arrays (docs/MATH.md §6), each model its own fields. */
export type SummaryFields = Record<string, number[][] | number[]>;

/** The parameter budget: how many parameters, and which size key a repair lowers. */
export interface ParameterBudget {
  count(s: Pick<ModelSettings, 'd' | 'k' | 'K'>): number;
  key: 'k' | 'K';
  /** the largest value of `key` whose parameter count fits `max` (at least the key's minimum) */
  largest(s: Pick<ModelSettings, 'd' | 'k' | 'K'>, max: number): number;
}

/** The λ → ∞ ensemble law of a model whose runs end optimal or not (the ensemble panel and table). */
export interface EnsembleLaw {
  /** probability that a run ends optimal at hidden width K */
  optimalFraction(K: number): number;
  /** law of the number of layer-2 outliers at the end (index = count) */
  servedLaw(K: number): number[];
  /** the layer-2 outlier count of an optimal run */
  optimalOutliers: number;
}

export interface ModelInfo<S extends SummaryFields = SummaryFields> {
  name: string;
  /** one line for the config's `model` documentation */
  doc: string;
  /** the run file's `summary` of this model */
  summarySchema: v.GenericSchema<unknown, S>;
  /** human names of the summary fields, for tables and legends */
  summaryNames: Record<keyof S & string, string>;
  /** clusters of the data law and labels the model predicts */
  clusters(s: Pick<ModelSettings, 'k'>): number;
  labels(s: Pick<ModelSettings, 'k'>): number;
  /** names of the distinct mean directions of the data law (their count is the mean count) */
  meanNames(s: Pick<ModelSettings, 'k'>): string[];
  /** names of the data clusters in sample order, where they are not the class indices */
  clusterNames?: readonly string[];
  /** each cluster's centre as (mean row, sign): centre c = sign · μ_row, in cluster order */
  clusterMeans(s: Pick<ModelSettings, 'k'>): [number, number][];
  /**
   * A stored sample's cluster where the label alone does not tell it (a run file keeps labels only):
   * from its label and its overlap Y·μ_row with each mean, and a note that says how.
   */
  clusterOfSample?: { of(label: number, overlap: (row: number) => number): number; note: string };
  /** the name of the weight vectors drawn in the input plane (the rows of the first layer) */
  weightVectors: string;
  /** the blocks the engine's model tracks, predicted from the config (URL and view checks) */
  blockIds(s: Pick<ModelSettings, 'k' | 'K' | 'full'>): string[];
  parameters: ParameterBudget;
  /** the mean overlap ρ shapes this model's data law (its −1/(k−1) bound applies) */
  usesOverlap: boolean;
  /** why this config's per-checkpoint working set is beyond the memory budget, or undefined */
  memoryProblem(s: Pick<ModelSettings, 'd' | 'k' | 'K' | 'topj' | 'full'>, M: number): string | undefined;
  /** config keys the model ignores, with the hint shown beside their control */
  unusedKeys: Partial<Record<'k' | 'K' | 'overlap', string>>;
  /** block vectors of the largest solve, for the backend's start-up probe */
  probeVectors(s: Pick<ModelSettings, 'k' | 'topj'>): number;
  /** floating-point work of one SGD step per sample (sizes the ensemble's chunks) */
  stepWork(s: Pick<ModelSettings, 'd' | 'k' | 'K'>): number;
  /** the neuron panel: hidden neurons on a plane of means (2-layer models) */
  neurons?: NeuronView;
  /** the ensemble panel's theory (ensembles run for every model with hidden neurons) */
  ensemble?: { law?: EnsembleLaw };
  /** the diagnosis banner: a checkpoint carries this model's `diagnosis` */
  diagnosis: boolean;
}

/** A checkpoint as the theory and the diagnosis read it (the run file's CheckpointRecord has it all). */
export interface CheckpointView<S extends SummaryFields = SummaryFields> {
  time: number;
  summary: S;
  clusterAccuracy?: unknown;
  spectra: { matrix: MatrixKind; block: string; outliers: number }[];
}

/** The run's constants the theory reads. */
export interface TheoryContext {
  d: number;
  k: number;
  lambda: number;
  beta: number;
  overlap: number;
  /** c_δ of the effective dynamics: c_δ/B for minibatch B */
  cdelta: number;
  mixture: Mixture;
  /**
   * the fraction of the fixed test set in each cluster: H and G are averages over that set, so their
   * λ → ∞ limits weigh the clusters by these, not by the priors (the ODE, a law of the training
   * stream, uses the priors)
   */
  testFractions: readonly number[];
}

/** The effective-dynamics ODE of a model's summary statistics, advanced checkpoint by checkpoint. */
export interface OdeLaw<S extends SummaryFields> {
  /** fixes the run's integration constants from its t = 0 state (a resumed run: its first checkpoint) */
  begin(initial: S, fallback: S): void;
  /** the state `span` later */
  step(state: S, span: number): S;
  /** a deep copy with the model's keys in run-file order */
  copy(state: S): S;
}

/** A place where SGD's noise makes the ODE no prediction (the run file's theory.odeFlags). */
export interface OdeFlag {
  /** the summary field whose fluctuation is measured */
  statistic: string;
  /** softmax: the class c of R_cc */
  class?: number;
  /** xor: the neuron whose ODE curves are no prediction */
  neuron?: number;
  /** softmax: relative fluctuation of R_cc; xor: the overlap's SGD standard deviation per √(unit time) */
  noise: number;
  /** xor: probability that SGD ends the neuron in the other cluster than the ODE */
  flipProbability?: number;
  note: string;
}

/** The theory of one run of a model. */
export interface ModelTheory<S extends SummaryFields = SummaryFields> {
  /** λ → ∞ outliers keyed `${matrix}:${block}`; pushes what it does not predict to `notes` */
  limitOutliers(summary: S, notes: string[]): Map<string, number[]> | undefined;
  /** the ODE, or a note saying why none is integrated (undefined: no note, none) */
  ode: OdeLaw<S> | { unavailable: string } | undefined;
  /** notes every record of the model carries, after the ODE's */
  notes: string[];
  /**
   * where SGD's noise makes the ODE's curves no prediction (docs/THEORY.md "Where the ODE cannot
   * predict"), from the ODE's state at `time` and its start
   */
  odeFlags?(at: { time: number; state: S; initial: S }): OdeFlag[];
}

export interface ModelEngine<S extends SummaryFields = SummaryFields> {
  /** the data law: the mixture the run samples from */
  mixture(s: ModelSettings, rng: Stream): Mixture;
  /** the math model: parameters, SGD, curvature blocks (each with its default top-j) */
  create(s: ModelSettings): Model;
  theory(context: TheoryContext): ModelTheory<S>;
  /**
   * the checkpoint's `diagnosis`, where the model has one. The run file has one diagnosis shape (the
   * optimal-or-not verdict of a classifier over clusters, read by the banner); a model with another
   * kind of verdict adds it to the run-file schema first.
   */
  diagnose?(checkpoint: CheckpointView<S>, lambda: number): XorDiagnosis;
  /** the c_δ above which SGD blows up, where the model has such a limit (named by the divergence message) */
  stepLimit?(d: number, lambda: number): number;
}

/** A checkpoint as the neuron view reads it (the run file's CheckpointRecord has it). */
export interface NeuronCheckpoint {
  time: number;
  summary: SummaryFields;
  diagnosis?: unknown;
  theory?: { ode?: SummaryFields; odeFlags?: { neuron?: number }[] };
}

export interface NeuronView {
  /** the panel's caption */
  caption: string;
  /** the caption adds how many neurons serve a cluster (NeuronTrajectory.serves) */
  countsServing: boolean;
  /** the plane of means (pa, pb) where the model lets the user choose it */
  data(checkpoints: NeuronCheckpoint[], pa: number, pb: number, withTheory: boolean): NeuronData | undefined;
}
