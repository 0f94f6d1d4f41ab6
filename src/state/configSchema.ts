// The config table (schema.ts) as a valibot schema, for the run file's `config`: one entry per key with
// its JSON type, range and integer-ness, with the strict validation's own messages ("lambda must be a
// number in [0.01, 1000000], got …"), and the combination checks (memory budget, overlap vs k, …) of
// validate.ts. The table stays the one source: this file only reads it.
import * as v from 'valibot';
import { CONFIG_KEYS, SCHEMA, type ConfigKey, type KeySpec } from './schema';
import { checkCombinations, describeRange, showValue } from './validate';
import type { Config } from './schema';

/** A value as the file has it, shortened and on one line. */
export function shownInput(input: unknown): string {
  // 1e999 in a file parses to Infinity, which JSON.stringify would show as null
  if (typeof input === 'number' && !Number.isFinite(input)) return showValue(String(input));
  return showValue(JSON.stringify(input) ?? String(input));
}

function keyMessage(key: ConfigKey, spec: KeySpec) {
  const range = spec.type === 'bool' ? 'true or false' : describeRange(spec);
  return (issue: v.BaseIssue<unknown>) => `${key} must be ${range}, got ${shownInput(issue.input)}`;
}

function keySchema(key: ConfigKey) {
  const spec: KeySpec = SCHEMA[key];
  const message = keyMessage(key, spec);
  if (spec.type === 'enum')
    return v.pipe(v.picklist(spec.values as readonly string[], message), v.description(spec.doc));
  if (spec.type === 'bool') return v.pipe(v.boolean(message), v.description(spec.doc));
  const number = v.pipe(
    v.number(message),
    v.finite(message),
    v.minValue(spec.min!, message),
    v.maxValue(spec.max!, message),
  );
  return spec.type === 'int'
    ? v.pipe(number, v.integer(message), v.description(spec.doc))
    : v.pipe(number, v.description(spec.doc));
}

type ConfigEntries = { [K in ConfigKey]: v.GenericSchema<Config[K]> };

const entries = Object.fromEntries(CONFIG_KEYS.map((key) => [key, keySchema(key)])) as unknown as ConfigEntries;

/**
 * A run file's config: every key of the table (theory may be missing: files from before it get its
 * default; measureOn and gRidge are written only when not at their defaults), plus what the engine derived from it (steps, δ).
 */
export const runConfigSchema = v.pipe(
  v.object({
    ...entries,
    theory: v.optional(entries.theory),
    // written only when not at their defaults (a default run's file is unchanged by their existence)
    measureOn: v.optional(entries.measureOn),
    gRidge: v.optional(entries.gRidge),
    steps: v.optional(
      v.pipe(
        v.number(),
        v.finite(),
        v.integer(),
        v.minValue(1),
        v.description('total SGD steps the run was configured for (derived: T·d/c_δ)'),
      ),
    ),
    delta: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0), v.description('step size δ = c_δ/d (derived)'))),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const config = {
      ...dataset.value,
      theory: dataset.value.theory ?? (SCHEMA.theory.default as boolean),
      measureOn: dataset.value.measureOn ?? SCHEMA.measureOn.default,
      gRidge: dataset.value.gRidge ?? SCHEMA.gRidge.default,
    } as Config;
    const problem = checkCombinations(config)[0];
    if (problem) addIssue({ message: problem.message });
  }),
  v.description(
    'the resolved config: the same keys as the URL and CLI flags (README), plus the derived steps and delta',
  ),
);

export type RunConfig = v.InferOutput<typeof runConfigSchema>;
