// The model registry: name → what the app knows of the model (ModelInfo, light). The engine's half
// (data law, SGD, curvature, theory) is in engines.ts. State, CLI and UI ask here; none switches on a name.
import type * as v from 'valibot';
import { mlpInfo } from './mlp/info';
import { softmaxInfo } from './softmax/info';
import type { ModelInfo } from './types';
import { xorInfo } from './xor/info';

const INFOS = { softmax: softmaxInfo, xor: xorInfo, mlp: mlpInfo } as const;

export type ModelName = keyof typeof INFOS;

/** every model, in the order the config's `model` lists them */
export const MODEL_NAMES = Object.keys(INFOS) as ModelName[];

/** the model of a validated config; a name that is none (a config that skipped validation) throws, naming it */
export function modelInfo(name: ModelName): ModelInfo {
  const info = findModelInfo(name);
  if (!info) throw new Error(`unknown model ${String(name)} (one of ${MODEL_NAMES.join(', ')})`);
  return info;
}

/** the model of a name read from outside (a run file, a worker message), or undefined */
export function findModelInfo(name: unknown): ModelInfo | undefined {
  return typeof name === 'string' && Object.hasOwn(INFOS, name) ? INFOS[name as ModelName] : undefined;
}

/** Each model's summary schema, for the run file's schema to compose (keyed by config.model). */
export const SUMMARY_SCHEMAS = {
  softmax: softmaxInfo.summarySchema,
  xor: xorInfo.summarySchema,
  mlp: mlpInfo.summarySchema,
} as const satisfies { [N in ModelName]: (typeof INFOS)[N]['summarySchema'] };

export function summarySchemaFor<N extends ModelName>(name: N): (typeof SUMMARY_SCHEMAS)[N] {
  return SUMMARY_SCHEMAS[name];
}

/** The summary statistics of model N. */
export type SummaryOf<N extends ModelName> = v.InferOutput<(typeof SUMMARY_SCHEMAS)[N]>;

/** A checkpoint's summary tagged with its run's model: the union the run file holds (config.model is the key). */
export type ModelSummary = { [N in ModelName]: { model: N; summary: SummaryOf<N> } }[ModelName];
