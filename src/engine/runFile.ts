// The run file `eigenalign.run/1` (docs/RUN-FORMAT.md): what the CLI writes and the app exports and
// opens. This schema is the contract: the TypeScript types below are inferred from it, `readRunFile`
// checks files with it, and `npm run schema` exports it as JSON Schema (schema/eigenalign.run-1.schema.json).
// Field names are public: add freely (as optional fields), never rename.
import * as v from 'valibot';
import { XOR_CLUSTER_NAMES } from '../math/models/xorDiagnosis';
import { ALIGNMENT_NOTES } from '../math/outlierAlignment';
import { runConfigSchema, shownInput } from '../state/configSchema';
import { MATRICES, SCHEMA } from '../state/schema';
import { summarySchemaFor } from '../models/registry';
import { layoutProblem, summarySchema } from './runSummary';

export const RUN_SCHEMA = 'eigenalign.run/1';

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.finite(), v.integer(), v.minValue(0));
const fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const numbers = v.array(finite);
const finiteOrNullMessage = (issue: v.BaseIssue<unknown>) =>
  `must be a finite number or null, got ${shownInput(issue.input)}`;
/** a number where defined, null where not (said in words, not as NaN) */
const finiteOrNull = v.nullable(v.pipe(v.number(finiteOrNullMessage), v.finite(finiteOrNullMessage)));
// Sizes no run can reach, from the config table's maxima: a file beyond them would only freeze the
// charts (one series per eigenvalue rank, one line per block).
/** the largest top-j of a block: topj's maximum, or mlp's full block at the default (2·k·min(k − 1, K)) */
export const MAX_TOP_J = Math.max(SCHEMA.topj.max, 2 * SCHEMA.k.max * (SCHEMA.k.max - 1));
/** the most (matrix, block) pairs a run tracks: H and G × (k class blocks + full, or K neurons + layer1, layer2, full) */
export const MAX_SPECTRA = 2 * Math.max(SCHEMA.k.max + 1, SCHEMA.K.max + 3);
const MAX_CLUSTERS = Math.max(SCHEMA.k.max, 4);

const described = <S extends v.GenericSchema>(schema: S, text: string) => v.pipe(schema, v.description(text));

/** softmax: "class:c", "full"; xor/mlp: "layer1", "layer1:i", "layer2", "full" */
export const BLOCK_NAME = /^(class:\d{1,3}|full|layer1|layer1:\d{1,3}|layer2)$/;
const matrix = described(
  v.picklist(MATRICES),
  'H: empirical Hessian of the test loss (+βI); G: second moment of the per-sample gradients',
);
const block = v.pipe(
  v.string(),
  v.regex(BLOCK_NAME, 'must be a block name (class:c, full, layer1, layer1:i, layer2)'),
  v.description('softmax: class:c, full; xor/mlp: layer1, layer1:i, layer2, full'),
);

const spectrumObject = v.object({
  matrix,
  block,
  eigenvalues: described(
    v.pipe(numbers, v.minLength(1, 'must be a non-empty array'), v.maxLength(MAX_TOP_J)),
    'top-j eigenvalues, descending; j = length',
  ),
  residuals: described(numbers, '‖Au − θu‖ of each eigenpair, same order'),
  converged: described(v.array(v.boolean()), 'whether each eigenpair met the tolerance'),
  alignment: described(
    finiteOrNull,
    '‖Uᵀx_b‖/‖x_b‖ with U = the top alignmentDim eigenvectors (the outlier space) and x_b the block’s parameters; null where undefined (alignmentNote says why). Files without alignmentDim: U = all j eigenvectors',
  ),
  alignmentDim: v.optional(
    described(count, 'dimension of the space the alignment is measured against: the outlier count'),
  ),
  alignmentNote: v.optional(
    described(
      v.picklist(ALIGNMENT_NOTES),
      'no-outliers, gap (the space is not resolved from the next eigenvalue), rounding (its eigenvalues are the spectrum’s floor within accuracy): alignment is null; whole-block: the outlier space is the whole block (alignment 1)',
    ),
  ),
  outliers: described(count, 'eigenvalues judged above the bulk'),
  outliersAtLeast: v.optional(
    described(v.boolean(), 'every tracked eigenvalue is an outlier: the count is a lower bound (raise top-j)'),
  ),
  bulkEdge: described(finite, 'the bulk edge used for that judgement'),
  applications: v.optional(described(count, 'matrix–vector products this solve spent')),
  meanSpanAngle: v.optional(
    described(
      v.pipe(finite, v.minValue(0), v.maxValue(90)),
      'largest principal angle (degrees) between the outlier eigenspace (top min(outliers, j) eigenvectors) and the class means’ span lifted to the block; absent with no outlier (meanSpanAngles is then []) and where the block has no mean span (2-layer layer2, full: meanSpanAngles absent too)',
    ),
  ),
  meanSpanAngles: v.optional(
    described(
      v.pipe(v.array(v.pipe(finite, v.minValue(0), v.maxValue(90))), v.maxLength(MAX_TOP_J)),
      'every principal angle (degrees, ascending) of that pair of spaces; [] with no outlier',
    ),
  ),
});

/**
 * residuals and converged: one per eigenvalue; the alignment is null exactly where a note says why
 * (no-outliers, gap, rounding), and its space is no wider than the outliers counted.
 */
export const spectrumSchema = v.pipe(
  spectrumObject,
  v.rawCheck<v.InferOutput<typeof spectrumObject>>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const s = dataset.value;
    const at = (key: keyof typeof s): [v.IssuePathItem] => [
      { type: 'object', origin: 'value', input: s, key, value: s[key] },
    ];
    const n = s.eigenvalues.length;
    for (const key of ['residuals', 'converged'] as const) {
      const value = s[key];
      if (value.length !== n)
        return addIssue({ message: `must have ${n} entries, has ${value.length}`, path: at(key) });
    }
    const undefinedBecause = s.alignmentNote !== undefined && s.alignmentNote !== 'whole-block';
    if (s.alignment === null && !undefinedBecause)
      return addIssue({ message: 'is null without an alignmentNote saying why', path: at('alignment') });
    if (s.alignment !== null && undefinedBecause)
      return addIssue({ message: `must be null with alignmentNote "${s.alignmentNote}"`, path: at('alignment') });
    if (s.alignmentDim !== undefined && s.alignmentDim !== Math.min(s.outliers, n))
      return addIssue({
        message: `must be the outlier count (${Math.min(s.outliers, n)}), got ${s.alignmentDim}`,
        path: at('alignmentDim'),
      });
  }),
);

export const blockTheorySchema = v.object({
  matrix,
  block,
  bulkEdge: v.optional(
    described(
      finite,
      'generalised Marchenko–Pastur upper edge of the noise bulk at the current weights (shift included)',
    ),
  ),
  limitOutliers: v.optional(
    described(
      v.pipe(numbers, v.maxLength(MAX_TOP_J)),
      'λ → ∞ outlier eigenvalues from the summary statistics, descending (at most the block’s j)',
    ),
  ),
  limitInsideBulk: v.optional(
    described(
      v.pipe(v.array(v.boolean()), v.maxLength(MAX_TOP_J)),
      'per entry of limitOutliers: true where it is at or below the block’s bulk edge (bulkEdge of its spectrum), where BBP predicts no outlier (the spike is absorbed by the bulk); the value is kept for reference',
    ),
  ),
  finiteOutliers: v.optional(
    described(
      v.pipe(numbers, v.maxLength(MAX_TOP_J)),
      'outlier eigenvalues predicted at the run’s λ (spiked weighted Wishart, Benaych-Georges–Nadakuditi) from the block’s current per-sample weights, one spike per mean direction; only those that separate from the bulk, descending (at most the block’s j); diagonal-form blocks with orthonormal means',
    ),
  ),
  finiteAbsorbed: v.optional(
    described(
      count,
      'how many mean directions’ spikes stay inside the bulk at the run’s λ (below the BBP threshold): they predict no outlier',
    ),
  ),
});

export const odeFlagSchema = v.object({
  statistic: described(
    v.string(),
    'the summary field whose SGD fluctuation the flag measures (softmax: R; xor: mmu or mnu, the overlap that decides the neuron’s cluster)',
  ),
  class: v.optional(described(count, 'softmax: the class c of R_cc')),
  neuron: v.optional(
    described(count, 'xor: the neuron i; its ODE curves (v_i, m^μ_i, m^ν_i, R⊥_i·) are not predictions'),
  ),
  noise: described(
    v.pipe(finite, v.minValue(0)),
    'softmax: the predicted relative SGD fluctuation of R_cc about the ODE, 2√(c_δ t̃/(λ d R_cc)); xor: the SGD standard deviation of the overlap per √(unit time), √(c_δ(1 + 1/λ)/d)·|v_i|/4',
  ),
  flipProbability: v.optional(
    described(
      fraction,
      'xor: the probability that SGD ends the neuron on the other side of the ReLU kink than the ODE, i.e. in the other cluster',
    ),
  ),
  note: described(v.string(), 'one sentence for people'),
});

export const theorySchema = v.object({
  blocks: described(
    v.pipe(v.array(blockTheorySchema), v.maxLength(MAX_SPECTRA)),
    'the theory of each tracked (matrix, block); absent fields are not predicted',
  ),
  ode: v.optional(
    described(
      summarySchema,
      'the effective-dynamics ODE at this checkpoint’s time: the same statistics and shapes as `summary`',
    ),
  ),
  odeFlags: v.optional(
    described(
      v.pipe(v.array(odeFlagSchema), v.maxLength(MAX_SPECTRA)),
      'where the ODE cannot predict SGD: its curves there are not predictions (docs/THEORY.md "Where the ODE cannot predict"); a flag without a neuron covers the whole ODE',
    ),
  ),
  notes: v.optional(described(v.array(v.string()), 'what this run’s theory does not predict, and why')),
});

const cluster = v.picklist(XOR_CLUSTER_NAMES);

/** xor: is the net the optimal classifier, and which cluster has no neuron (math/models/xorDiagnosis.ts). */
export const diagnosisSchema = v.object({
  optimal: v.boolean(),
  dead: described(v.boolean(), 'every neuron inactive: the net is a constant'),
  served: v.pipe(v.array(cluster), v.maxLength(4)),
  unserved: v.pipe(v.array(cluster), v.maxLength(4)),
  neuronServes: described(
    v.pipe(v.array(v.nullable(cluster)), v.maxLength(SCHEMA.K.max)),
    'per neuron: the cluster it serves, or null',
  ),
  deadNeurons: count,
  expectedOutliers: described(count, 'the λ = ∞ rank of the layer-2 block: the number of served clusters'),
  minClusterAccuracy: fraction,
  message: described(v.string(), 'one sentence for people'),
  layer2Outliers: v.optional(v.object({ H: v.optional(count), G: v.optional(count) })),
});

/** a parameter vector has at most d (or K) entries, a parameter matrix at most K (or k) rows of them */
const paramVector = v.pipe(numbers, v.maxLength(Math.max(SCHEMA.d.max, SCHEMA.K.max)));
const paramRows = v.pipe(v.array(paramVector), v.maxLength(Math.max(SCHEMA.K.max, SCHEMA.k.max)));
const params = described(
  v.record(
    v.string(),
    v.union([paramVector, paramRows], 'must be a list of finite numbers or a list of rows of finite numbers'),
  ),
  'softmax: x (k×d); xor: W (K×d), v (K); mlp: W (K×d), V (k×K)',
);

export const checkpointSchema = v.object({
  step: described(count, 'SGD steps done'),
  time: described(v.pipe(finite, v.minValue(0)), 'training time t = step·δ'),
  loss: described(finite, 'test loss'),
  accuracy: described(fraction, 'test accuracy'),
  clusterAccuracy: v.optional(
    described(v.pipe(v.array(fraction), v.maxLength(MAX_CLUSTERS)), 'test accuracy per cluster (xor: +μ, −μ, +ν, −ν)'),
  ),
  spectra: described(
    v.pipe(v.array(spectrumSchema), v.minLength(1, 'must be a non-empty array'), v.maxLength(MAX_SPECTRA)),
    'every tracked (matrix, block): all blocks of H, then of G',
  ),
  summary: summarySchema,
  diagnosis: v.optional(described(diagnosisSchema, 'xor: the optimality diagnosis')),
  theory: v.optional(described(theorySchema, 'the theory beside the measurement; present when config.theory is on')),
  params: v.optional(
    described(
      params,
      'with --include-data (CLI): the parameters at this checkpoint, in the form of data.params, so that any checkpoint can be rebuilt',
    ),
  ),
});

/** Steps increase; every checkpoint has the first one's statistics, and an ODE those of its summary. */
const consistentCheckpoints = v.rawCheck<v.InferOutput<typeof checkpointSchema>[]>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const list = dataset.value;
  const at = (i: number, ...keys: string[]) => {
    const path: v.IssuePathItem[] = [{ type: 'array', origin: 'value', input: list, key: i, value: list[i] }];
    let input: unknown = list[i];
    for (const key of keys) {
      const value = (input as Record<string, unknown>)[key];
      path.push({ type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value });
      input = value;
    }
    return path as [v.IssuePathItem, ...v.IssuePathItem[]];
  };
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && list[i].step <= list[i - 1].step)
      return addIssue({ message: 'must exceed the step before it', path: at(i, 'step') });
    const layout = i > 0 ? layoutProblem(list[i].summary, list[0].summary, 'checkpoints[0].summary') : undefined;
    if (layout)
      return addIssue({ message: layout.message, path: layout.key ? at(i, 'summary', layout.key) : at(i, 'summary') });
    const ode = list[i].theory?.ode;
    const odeLayout = ode ? layoutProblem(ode, list[i].summary, 'the summary') : undefined;
    if (odeLayout)
      return addIssue({
        message: odeLayout.message,
        path: odeLayout.key ? at(i, 'theory', 'ode', odeLayout.key) : at(i, 'theory', 'ode'),
      });
  }
});

const ensembleSpectrumSchema = v.object({
  matrix,
  block,
  eigenvalues: numbers,
  outliers: count,
  outliersAtLeast: v.optional(v.boolean()),
  alignment: finiteOrNull,
  alignmentDim: v.optional(count),
  alignmentNote: v.optional(v.picklist(ALIGNMENT_NOTES)),
});
const layer2Schema = v.object({ eigenvalues: numbers, outliers: count });
const status = described(
  v.picklist(['ok', 'diverged']),
  'diverged: the run stopped at a non-finite value; its checkpoints end at the last finite one',
);

const trajectoryBlockSchema = v.object({
  matrix,
  block,
  alignment: described(
    v.array(v.nullable(finite)),
    'per checkpoint: the alignment of the block (null where it is undefined: a gap)',
  ),
  outliers: described(v.array(count), 'per checkpoint: the outlier count'),
  meanSpanAngle: v.optional(
    described(
      v.array(v.nullable(v.pipe(finite, v.minValue(0), v.maxValue(90)))),
      'per checkpoint: the largest principal angle to span{μ}, degrees (null with no outlier: a gap)',
    ),
  ),
});

const trajectoryObject = v.object({
  step: described(v.array(count), 'the checkpoints’ SGD steps; every other column has one entry per step'),
  time: v.array(v.pipe(finite, v.minValue(0))),
  loss: v.array(finite),
  accuracy: v.array(fraction),
  optimal: v.optional(described(v.array(v.boolean()), 'xor: the diagnosis at each checkpoint (optimal classifier)')),
  served: v.optional(
    described(v.array(v.pipe(count, v.maxValue(4))), 'xor: clusters served by some neuron at each checkpoint'),
  ),
  blocks: described(
    v.pipe(v.array(trajectoryBlockSchema), v.maxLength(MAX_SPECTRA)),
    'every tracked (matrix, block), in the order of a checkpoint’s spectra',
  ),
});

/** One seed's checkpoints in columns: every column as long as `step`. */
export const seedTrajectorySchema = v.pipe(
  trajectoryObject,
  v.rawCheck<v.InferOutput<typeof trajectoryObject>>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const t = dataset.value;
    const n = t.step.length;
    const item = (input: unknown, key: string | number, value: unknown): v.IssuePathItem =>
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: input as unknown[], key, value }
        : { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value };
    const columns: [v.IssuePathItem[], unknown[] | undefined][] = [
      [[item(t, 'time', t.time)], t.time],
      [[item(t, 'loss', t.loss)], t.loss],
      [[item(t, 'accuracy', t.accuracy)], t.accuracy],
      [[item(t, 'optimal', t.optimal)], t.optimal],
      [[item(t, 'served', t.served)], t.served],
      ...t.blocks.flatMap((b, i) =>
        (['alignment', 'outliers', 'meanSpanAngle'] as const).map((key): [v.IssuePathItem[], unknown[] | undefined] => [
          [item(t, 'blocks', t.blocks), item(t.blocks, i, b), item(b, key, b[key])],
          b[key],
        ]),
      ),
    ];
    for (const [path, column] of columns)
      if (column && column.length !== n)
        return addIssue({
          message: `must have ${n} entries (one per step), has ${column.length}`,
          path: path as [v.IssuePathItem, ...v.IssuePathItem[]],
        });
    const bad = t.step.findIndex((s, i) => i > 0 && s <= t.step[i - 1]);
    if (bad > 0)
      addIssue({
        message: 'must exceed the step before it',
        path: [item(t, 'step', t.step), item(t.step, bad, t.step[bad])],
      });
  }),
);

/** One seed's final state (a row of `ensemble`). */
export const ensembleEntrySchema = v.object({
  seed: count,
  status,
  step: count,
  loss: described(v.nullable(finite), 'null when the seed diverged before its first checkpoint'),
  accuracy: described(v.nullable(fraction), 'null when the seed diverged before its first checkpoint'),
  clusterAccuracy: v.array(fraction),
  spectra: described(
    v.array(ensembleSpectrumSchema),
    'final top eigenvalues, outlier counts and alignment of every tracked block',
  ),
  layer2: v.optional(
    described(v.object({ H: layer2Schema, G: layer2Schema }), '2-layer models: the layer-2 block of H and G'),
  ),
  optimal: v.optional(v.boolean()),
  unserved: v.optional(v.array(cluster)),
  dead: v.optional(v.boolean()),
  deadNeurons: v.optional(count),
  trajectory: v.optional(
    described(
      seedTrajectorySchema,
      'with --trajectories: this seed’s checkpoints in columns (time, loss, accuracy, diagnosis; per block alignment, outliers, angle to span{μ})',
    ),
  ),
});

export const ensembleSummarySchema = v.object({
  seeds: count,
  diverged: described(count, 'seeds that ended diverged (they count as not optimal)'),
  optimal: described(v.nullable(count), 'xor only (null otherwise): seeds whose final classifier is optimal'),
  fractionOptimal: v.nullable(fraction),
  interval95: described(
    v.nullable(v.tuple([fraction, fraction])),
    'Wilson score interval for the fraction optimal, 95 %',
  ),
  dead: described(v.nullable(count), 'xor: seeds where every neuron ended inactive'),
  unserved: described(v.nullable(v.record(v.string(), count)), 'xor: how many seeds left each cluster unserved'),
  outlierHistogram: described(
    v.nullable(v.object({ H: v.array(count), G: v.array(count) })),
    'final layer-2 outlier count: index = count, value = number of seeds',
  ),
});

export const runDataSchema = v.object({
  means: described(
    v.pipe(v.array(numbers), v.minLength(2), v.maxLength(MAX_CLUSTERS)),
    'the cluster means, d numbers each (k-GMM: k of them; xor: μ, ν)',
  ),
  test: v.object({
    inputs: described(
      v.array(numbers),
      'the M test samples that build H and G (with measureOn = recent: loss and accuracy only), d numbers each',
    ),
    labels: described(v.array(count), 'their labels'),
  }),
  window: v.optional(
    described(
      v.object({
        inputs: described(v.array(numbers), 'the last M training samples SGD drew, oldest first, d numbers each'),
        labels: described(v.array(count), 'their labels'),
      }),
      'with measureOn = recent: the samples the last checkpoint’s H and G are built on',
    ),
  ),
  params,
});

const runFileObject = v.object({
  schema: described(v.literal(RUN_SCHEMA), 'the format and its version'),
  config: runConfigSchema,
  backend: described(v.string(), 'the tfjs backend that ran'),
  status: v.optional(status),
  checkpoints: described(
    v.pipe(v.array(checkpointSchema), v.minLength(1, 'must be a non-empty array'), consistentCheckpoints),
    'in step order',
  ),
  message: v.optional(described(v.string(), 'why the run diverged (with status "diverged")')),
  matrices: v.optional(
    described(
      v.string(),
      'what H and G are built on where it is not the paper’s default (measureOn = recent, gRidge): one sentence',
    ),
  ),
  data: v.optional(
    described(
      runDataSchema,
      'with --include-data (and the app’s export): what rebuilds H and G at the last checkpoint',
    ),
  ),
  ensemble: v.optional(described(v.array(ensembleEntrySchema), 'with --seeds N: every seed’s final state')),
  ensembleSummary: v.optional(described(ensembleSummarySchema, 'with --seeds N: the ensemble in numbers')),
});

/** Data rows are d wide, labels one per sample and below the number of means. */
const consistentData = v.rawCheck<v.InferOutput<typeof runFileObject>>(({ dataset, addIssue }) => {
  if (!dataset.typed || !dataset.value.data) return;
  const { d } = dataset.value.config;
  const data = dataset.value.data;
  const item = (input: unknown, key: string | number, value: unknown): v.IssuePathItem =>
    typeof key === 'number'
      ? { type: 'array', origin: 'value', input: input as unknown[], key, value }
      : { type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value };
  const rows = (list: number[][], path: v.IssuePathItem[]) => {
    const bad = list.findIndex((row) => row.length !== d);
    if (bad < 0) return false;
    addIssue({
      message: `must have ${d} entries, has ${list[bad].length}`,
      path: [item(dataset.value, 'data', data), ...path, item(list, bad, list[bad])] as [
        v.IssuePathItem,
        ...v.IssuePathItem[],
      ],
    });
    return true;
  };
  if (rows(data.means, [item(data, 'means', data.means)])) return;
  if (rows(data.test.inputs, [item(data, 'test', data.test), item(data.test, 'inputs', data.test.inputs)])) return;
  const window = data.window;
  if (window) {
    const at: [v.IssuePathItem, ...v.IssuePathItem[]] = [
      item(dataset.value, 'data', data),
      item(data, 'window', window),
    ];
    if (rows(window.inputs, [item(data, 'window', window), item(window, 'inputs', window.inputs)])) return;
    if (window.labels.length !== window.inputs.length)
      return addIssue({
        message: `must have ${window.inputs.length} entries, has ${window.labels.length}`,
        path: [...at, item(window, 'labels', window.labels)],
      });
  }
  const labels = data.test.labels;
  const path = [
    item(dataset.value, 'data', data),
    item(data, 'test', data.test),
    item(data.test, 'labels', labels),
  ] as [v.IssuePathItem, ...v.IssuePathItem[]];
  if (labels.length !== data.test.inputs.length)
    return addIssue({ message: `must have ${data.test.inputs.length} entries, has ${labels.length}`, path });
  const bad = labels.findIndex((label) => label >= data.means.length);
  if (bad >= 0)
    addIssue({
      message: `must be below the number of means (${data.means.length}), got ${labels[bad]}`,
      path: [...path, item(labels, bad, labels[bad])],
    });
});

/**
 * The first checkpoint's summary holds its model's statistics (the model registry's schema; the other
 * checkpoints and the ODE already match its layout).
 */
const modelSummary = v.rawCheck<v.InferOutput<typeof runFileObject>>(({ dataset, addIssue }) => {
  if (!dataset.typed || dataset.value.checkpoints.length === 0) return;
  const { config, checkpoints } = dataset.value;
  const summary = checkpoints[0].summary;
  const result = v.safeParse(summarySchemaFor(config.model), summary);
  if (result.success) return;
  const issue = result.issues[0];
  const key = issue.path?.[0]?.key;
  const path: [v.IssuePathItem, ...v.IssuePathItem[]] = [
    { type: 'object', origin: 'value', input: dataset.value, key: 'checkpoints', value: checkpoints },
    { type: 'array', origin: 'value', input: checkpoints, key: 0, value: checkpoints[0] },
    { type: 'object', origin: 'value', input: checkpoints[0], key: 'summary', value: summary },
  ];
  if (typeof key === 'string') path.push({ type: 'object', origin: 'value', input: summary, key, value: summary[key] });
  addIssue({ message: `must hold the ${config.model} model's statistics: ${issue.message}`, path });
});

export const runFileSchema = v.pipe(
  runFileObject,
  consistentData,
  modelSummary,
  v.title('eigenalign run file'),
  v.description(
    'One run of the eigenalign explorable: config, checkpoints with spectra and summary statistics, optionally the data (docs/RUN-FORMAT.md).',
  ),
);

export type SpectrumRecord = v.InferOutput<typeof spectrumSchema>;
export type BlockTheory = v.InferOutput<typeof blockTheorySchema>;
export type TheoryRecord = v.InferOutput<typeof theorySchema>;
export type OdeFlag = v.InferOutput<typeof odeFlagSchema>;
export type CheckpointDiagnosis = v.InferOutput<typeof diagnosisSchema>;
export type CheckpointRecord = v.InferOutput<typeof checkpointSchema>;
export type EnsembleEntry = v.InferOutput<typeof ensembleEntrySchema>;
export type EnsembleSummary = v.InferOutput<typeof ensembleSummarySchema>;
export type SeedTrajectory = v.InferOutput<typeof seedTrajectorySchema>;
export type RunData = v.InferOutput<typeof runDataSchema>;
export type RunFile = v.InferOutput<typeof runFileSchema>;
export type { Summary } from './runSummary';
