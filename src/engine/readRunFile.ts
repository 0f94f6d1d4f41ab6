// Reads a run file (`eigenalign.run/1`, docs/RUN-FORMAT.md) that someone hands the app: parses and checks
// every field the panels use, and the config through the one schema's strict validation. A bad file
// gives one clear message naming the field; nothing here throws past `readRunFile`.
import { CONFIG_KEYS, type Config } from '../state/schema';
import { ConfigError, configFromEntries, showValue } from '../state/validate';
import { RUN_SCHEMA, type CheckpointRecord, type RunData, type RunFile, type SpectrumRecord } from './runFile';

export type ReadResult = { ok: true; file: RunFile; config: Config; warnings: string[] } | { ok: false; error: string };

/** Files larger than this are refused before parsing (a run with data at d = 8000, M = 16 000 is ~1.5 GB of text). */
export const MAX_RUN_FILE_CHARS = 400_000_000;

const BLOCK = /^(class:\d{1,3}|full|layer1|layer1:\d{1,3}|layer2)$/;

class Bad extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Bad(`${where} must be a finite number, got ${showValue(JSON.stringify(v) ?? v)}`);
  return v;
}

function int(v: unknown, where: string, min = 0): number {
  const n = num(v, where);
  if (!Number.isInteger(n) || n < min) throw new Bad(`${where} must be an integer ≥ ${min}, got ${n}`);
  return n;
}

function numbers(v: unknown, where: string, length?: number): number[] {
  if (!Array.isArray(v)) throw new Bad(`${where} must be an array of numbers`);
  if (length !== undefined && v.length !== length) throw new Bad(`${where} must have ${length} entries, has ${v.length}`);
  v.forEach((x, i) => num(x, `${where}[${i}]`));
  return v as number[];
}

function matrix(v: unknown, where: string, width: number): number[][] {
  if (!Array.isArray(v)) throw new Bad(`${where} must be an array of rows`);
  v.forEach((row, i) => numbers(row, `${where}[${i}]`, width));
  return v as number[][];
}

function spectrum(v: unknown, where: string): SpectrumRecord {
  if (!isObject(v)) throw new Bad(`${where} must be an object`);
  if (v.matrix !== 'H' && v.matrix !== 'G') throw new Bad(`${where}.matrix must be "H" or "G", got ${showValue(v.matrix)}`);
  if (typeof v.block !== 'string' || !BLOCK.test(v.block)) throw new Bad(`${where}.block must be a block name (class:c, full, layer1, layer1:i, layer2), got ${showValue(v.block)}`);
  const eigenvalues = numbers(v.eigenvalues, `${where}.eigenvalues`);
  numbers(v.residuals, `${where}.residuals`, eigenvalues.length);
  if (!Array.isArray(v.converged) || v.converged.length !== eigenvalues.length || v.converged.some((c) => typeof c !== 'boolean'))
    throw new Bad(`${where}.converged must be ${eigenvalues.length} booleans`);
  num(v.alignment, `${where}.alignment`);
  int(v.outliers, `${where}.outliers`);
  num(v.bulkEdge, `${where}.bulkEdge`);
  return v as unknown as SpectrumRecord;
}

function checkpoint(v: unknown, where: string): CheckpointRecord {
  if (!isObject(v)) throw new Bad(`${where} must be an object`);
  int(v.step, `${where}.step`);
  num(v.time, `${where}.time`);
  num(v.loss, `${where}.loss`);
  num(v.accuracy, `${where}.accuracy`);
  if (!Array.isArray(v.spectra) || v.spectra.length === 0) throw new Bad(`${where}.spectra must be a non-empty array`);
  v.spectra.forEach((s, i) => spectrum(s, `${where}.spectra[${i}]`));
  if (!isObject(v.summary)) throw new Bad(`${where}.summary must be an object`);
  for (const [key, value] of Object.entries(v.summary)) {
    if (!Array.isArray(value)) throw new Bad(`${where}.summary.${key} must be an array`);
    value.forEach((row, i) => (Array.isArray(row) ? numbers(row, `${where}.summary.${key}[${i}]`) : num(row, `${where}.summary.${key}[${i}]`)));
  }
  return v as unknown as CheckpointRecord;
}

function data(v: unknown, d: number): RunData {
  if (!isObject(v)) throw new Bad('data must be an object');
  const means = matrix(v.means, 'data.means', d);
  if (means.length < 2) throw new Bad(`data.means must have at least 2 rows, has ${means.length}`);
  if (!isObject(v.test)) throw new Bad('data.test must be an object');
  const inputs = matrix(v.test.inputs, 'data.test.inputs', d);
  const labels = numbers(v.test.labels, 'data.test.labels', inputs.length);
  labels.forEach((l, i) => int(l, `data.test.labels[${i}]`));
  if (!isObject(v.params)) throw new Bad('data.params must be an object');
  for (const [key, value] of Object.entries(v.params)) {
    if (!Array.isArray(value)) throw new Bad(`data.params.${key} must be an array`);
    value.forEach((row, i) => (Array.isArray(row) ? numbers(row, `data.params.${key}[${i}]`) : num(row, `data.params.${key}[${i}]`)));
  }
  return v as unknown as RunData;
}

/** Parses and validates a run file's text. */
export function readRunFile(text: string): ReadResult {
  if (text.length > MAX_RUN_FILE_CHARS) return { ok: false, error: `the file is too large (${(text.length / 1e6).toFixed(0)} MB; at most ${MAX_RUN_FILE_CHARS / 1e6} MB)` };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    if (!isObject(doc)) throw new Bad('a run file is a JSON object');
    if (doc.schema !== RUN_SCHEMA) throw new Bad(`not an ${RUN_SCHEMA} file (schema is ${showValue(JSON.stringify(doc.schema) ?? 'missing')})`);
    if (!isObject(doc.config)) throw new Bad('config must be an object');
    const warnings: string[] = [];
    const entries: [string, string][] = [];
    for (const key of CONFIG_KEYS) {
      if (!(key in doc.config) && key === 'theory') continue; // added after the first run files; its default applies
      if (!(key in doc.config)) throw new Bad(`config.${key} is missing`);
      entries.push([key, String(doc.config[key])]);
    }
    const derived = new Set(['steps', 'delta']);
    const unknown = Object.keys(doc.config).filter((key) => !(CONFIG_KEYS as string[]).includes(key) && !derived.has(key));
    if (unknown.length) warnings.push(`config keys this app does not know were ignored: ${unknown.slice(0, 5).map(showValue).join(', ')}`);
    let config: Config;
    try {
      config = configFromEntries(entries, 'strict').config;
    } catch (err) {
      if (err instanceof ConfigError) throw new Bad(`config: ${err.message}`);
      throw err;
    }
    if (!Array.isArray(doc.checkpoints) || doc.checkpoints.length === 0) throw new Bad('checkpoints must be a non-empty array');
    doc.checkpoints.forEach((c, i) => checkpoint(c, `checkpoints[${i}]`));
    for (let i = 1; i < doc.checkpoints.length; i++)
      if ((doc.checkpoints[i] as CheckpointRecord).step <= (doc.checkpoints[i - 1] as CheckpointRecord).step) throw new Bad(`checkpoints[${i}].step must exceed the step before it`);
    if (doc.data !== undefined) data(doc.data, config.d);
    if (typeof doc.backend !== 'string') throw new Bad('backend must be a string');
    if (doc.status !== undefined && doc.status !== 'ok' && doc.status !== 'diverged') throw new Bad(`status must be "ok" or "diverged", got ${showValue(doc.status)}`);
    return { ok: true, file: doc as unknown as RunFile, config, warnings };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, error: err.message };
    return { ok: false, error: `unreadable run file: ${err instanceof Error ? err.message : String(err)}` };
  }
}
