// The run file `eigenalign.run/1` (docs/RUN-FORMAT.md): what the CLI writes and the app exports and
// opens. This schema is the contract: the TypeScript types below are inferred from it, `readRunFile`
// checks files with it, and `npm run schema` exports it as JSON Schema (schema/eigenalign.run-1.schema.json).
// Field names are public: add freely (as optional fields), never rename.
import * as v from 'valibot';
import { XOR_CLUSTER_NAMES } from '../math/models/xorDiagnosis';
import { runConfigSchema } from '../state/configSchema';
import { MATRICES, SCHEMA } from '../state/schema';
import { summarySchemaFor } from '../models/registry';
import { layoutProblem, summarySchema } from './runSummary';

export const RUN_SCHEMA = 'eigenalign.run/1';

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.finite(), v.integer(), v.minValue(0));
const fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const numbers = v.array(finite);
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
  alignment: described(finite, '‖Uᵀx_b‖/‖x_b‖ with U = these j eigenvectors and x_b the block’s parameters'),
  outliers: described(count, 'eigenvalues judged above the bulk'),
  bulkEdge: described(finite, 'the bulk edge used for that judgement'),
  applications: v.optional(described(count, 'matrix–vector products this solve spent')),
});

/** residuals and converged: one per eigenvalue. */
export const spectrumSchema = v.pipe(
  spectrumObject,
  v.rawCheck<v.InferOutput<typeof spectrumObject>>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const n = dataset.value.eigenvalues.length;
    for (const key of ['residuals', 'converged'] as const) {
      const value = dataset.value[key];
      if (value.length !== n)
        return addIssue({
          message: `must have ${n} entries, has ${value.length}`,
          path: [{ type: 'object', origin: 'value', input: dataset.value, key, value }],
        });
    }
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

const ensembleSpectrumSchema = v.object({ matrix, block, eigenvalues: numbers, outliers: count, alignment: finite });
const layer2Schema = v.object({ eigenvalues: numbers, outliers: count });
const status = described(
  v.picklist(['ok', 'diverged']),
  'diverged: the run stopped at a non-finite value; its checkpoints end at the last finite one',
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
export type CheckpointDiagnosis = v.InferOutput<typeof diagnosisSchema>;
export type CheckpointRecord = v.InferOutput<typeof checkpointSchema>;
export type EnsembleEntry = v.InferOutput<typeof ensembleEntrySchema>;
export type EnsembleSummary = v.InferOutput<typeof ensembleSummarySchema>;
export type RunData = v.InferOutput<typeof runDataSchema>;
export type RunFile = v.InferOutput<typeof runFileSchema>;
export type { Summary } from './runSummary';
