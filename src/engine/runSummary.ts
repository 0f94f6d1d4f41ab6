// The summary statistics of a checkpoint (`summary`, and the ODE's `theory.ode`) in the run file: named
// vectors and matrices of finite numbers. Kept apart from the rest of the run-file schema so that a
// per-model schema (each model's own statistics) can take its place without touching the rest.
import * as v from 'valibot';
import { SCHEMA } from '../state/schema';

const finite = v.pipe(v.number(), v.finite());
/** the longest side of any model's statistic (K or k at their maxima: R is K×K, V is k×K) */
export const MAX_STATISTIC_SIDE = Math.max(SCHEMA.K.max, SCHEMA.k.max);
const side = <T extends unknown[]>(item: v.GenericSchema<T[number]>) =>
  v.pipe(v.array(item), v.maxLength(MAX_STATISTIC_SIDE)) as unknown as v.GenericSchema<T>;

/** One statistic: a vector, or a matrix given as rows of equal length. */
export const statisticSchema = v.pipe(
  v.union(
    [side<number[]>(finite), side<number[][]>(side<number[]>(finite))],
    `must be a list of finite numbers or a list of rows of finite numbers, at most ${MAX_STATISTIC_SIDE} on a side`,
  ),
  v.check((value) => rectangular(value), 'must have rows of equal length'),
);

/** Statistics by name (softmax: m, R; xor: mmu, mnu, v, Rperp; mlp: m, R, V — MATH.md §6). */
export const summarySchema = v.pipe(
  v.record(v.string(), statisticSchema),
  v.description('summary statistics by name: each a vector or a matrix (rows of equal length) of finite numbers'),
);

export type Statistic = v.InferOutput<typeof statisticSchema>;
export type Summary = v.InferOutput<typeof summarySchema>;

function rectangular(value: number[] | number[][]): boolean {
  if (value.length === 0 || !Array.isArray(value[0])) return true;
  const width = (value[0] as number[]).length;
  return (value as number[][]).every((row) => row.length === width);
}

// eslint-disable-next-line no-control-regex -- control characters are what names in messages lose
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** Statistic names for a message: a few, each shortened. */
function listed(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names
    .slice(0, 6)
    .map((name) => (name.length > 16 ? `${name.slice(0, 16)}…` : name).replace(CONTROL, '?'));
  return shown.join(', ') + (names.length > 6 ? ', …' : '');
}

/** "4", "4×3": the shape of a statistic, for messages. */
export function shapeOf(value: Statistic): string {
  return value.length > 0 && Array.isArray(value[0])
    ? `${value.length}×${(value[0] as number[]).length}`
    : `${value.length}`;
}

/**
 * Why `summary` does not have the statistics and shapes of `reference` (undefined when it does). The
 * charts read every checkpoint with the first one's layout, and the ODE with its checkpoint's.
 */
export function layoutProblem(
  summary: Summary,
  reference: Summary,
  referenceName: string,
): { key?: string; message: string } | undefined {
  const names = Object.keys(reference);
  const have = Object.keys(summary);
  if (names.length !== have.length || names.some((name) => !Object.prototype.hasOwnProperty.call(summary, name)))
    return { message: `must have the statistics of ${referenceName} (${listed(names)}), has ${listed(have)}` };
  for (const name of names) {
    const want = shapeOf(reference[name]);
    const got = shapeOf(summary[name]);
    if (want !== got) return { key: name, message: `must have the shape of ${referenceName}'s (${want}), has ${got}` };
  }
  return undefined;
}
