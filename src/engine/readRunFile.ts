// Reads a run file (`eigenalign.run/1`, docs/RUN-FORMAT.md) that someone hands the app or the CLI:
// parses it and checks it against the run-file schema (runFile.ts), the config through the config
// table's strict validation. A bad file gives one clear message naming the first bad field's path
// (`checkpoints[3].theory.blocks[0].bulkEdge must be a finite number, got "x"`); nothing here throws.
import * as v from 'valibot';
import { CONFIG_KEYS, type Config } from '../state/schema';
import { shownInput } from '../state/configSchema';
import { ConfigError, configFromEntries, showValue } from '../state/validate';
import { RUN_SCHEMA, runFileSchema, type RunFile } from './runFile';

export type ReadResult = { ok: true; file: RunFile; config: Config; warnings: string[] } | { ok: false; error: string };

/** Files larger than this are refused before parsing (a run with data at d = 8000, M = 16 000 is ~1.5 GB of text). */
export const MAX_RUN_FILE_CHARS = 400_000_000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `checkpoints[3].theory.blocks[0].bulkEdge`: keys that are not plain names are quoted. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${showValue(String(key))}]`;
  }
  return out;
}

/** What a failed check of one kind says about the value, for the checks that bring no message of their own. */
function describe(issue: v.BaseIssue<unknown>): string {
  const got = `got ${shownInput(issue.input)}`;
  switch (issue.type) {
    case 'number':
    case 'finite':
      return `must be a finite number, ${got}`;
    case 'integer':
      return `must be an integer, ${got}`;
    case 'min_value':
      return `must be ≥ ${String(issue.requirement)}, ${got}`;
    case 'max_value':
      return `must be ≤ ${String(issue.requirement)}, ${got}`;
    case 'gt_value':
      return `must be > ${String(issue.requirement)}, ${got}`;
    case 'boolean':
      return `must be true or false, ${got}`;
    case 'string':
      return `must be a string, ${got}`;
    case 'array':
    case 'tuple':
      return `must be an array, ${got}`;
    case 'object':
    case 'record':
      return `must be an object, ${got}`;
    case 'picklist':
      return `must be one of ${(issue.expected ?? '').replace(/^\((.*)\)$/, '$1')}, ${got}`;
    case 'literal':
      return `must be ${issue.expected ?? ''}, ${got}`;
    case 'min_length':
      return `must have at least ${String(issue.requirement)} entries, has ${Array.isArray(issue.input) ? issue.input.length : '?'}`;
    case 'max_length':
      return `must have at most ${String(issue.requirement)} entries, has ${Array.isArray(issue.input) ? issue.input.length : '?'}`;
    case 'nullable':
      return `must be a number or null, ${got}`;
    default:
      return `is invalid (${issue.type}), ${got}`;
  }
}

/** One line for the first problem: its path, then what is wrong. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const path = issuePath(issue);
  const last = issue.path?.[issue.path.length - 1];
  if (last?.origin === 'key' && issue.input === undefined) return `${path} is missing`;
  // config problems read like the CLI's ("config: lambda must be a number in [0.01, 1000000], got …",
  // "config: k = 20 means need d ≥ k (d = 12)"): the message names the key itself
  const [head, key] = issue.path ?? [];
  if (
    head?.key === 'config' &&
    (issue.path!.length === 1 || (issue.path!.length === 2 && issue.message.startsWith(`${String(key?.key)} `)))
  )
    return `config: ${issue.message}`;
  return path ? `${path} ${issue.message}` : issue.message;
}

/** Parses and validates a run file's text. */
export function readRunFile(text: string): ReadResult {
  try {
    if (text.length > MAX_RUN_FILE_CHARS)
      return {
        ok: false,
        error: `the file is too large (${(text.length / 1e6).toFixed(0)} MB; at most ${MAX_RUN_FILE_CHARS / 1e6} MB)`,
      };
    let doc: unknown;
    try {
      // a byte-order mark (Windows editors write one) is no part of the JSON; File.text() drops it too
      doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      return { ok: false, error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!isObject(doc)) return { ok: false, error: 'a run file is a JSON object' };
    if (doc.schema !== RUN_SCHEMA)
      return {
        ok: false,
        error: `not an ${RUN_SCHEMA} file (schema is ${showValue(JSON.stringify(doc.schema) ?? 'missing')})`,
      };
    const checked = v.safeParse(runFileSchema, doc, { abortEarly: true, message: describe });
    if (!checked.success) return { ok: false, error: issueMessage(checked.issues[0]) };
    const file = checked.output;
    // The strict validation of the CLI (the same table the schema reads) gives the config the app runs.
    const entries: [string, string][] = CONFIG_KEYS.filter((key) => key in file.config).map((key) => [
      key,
      String(file.config[key]),
    ]);
    let config: Config;
    try {
      config = configFromEntries(entries, 'strict').config;
    } catch (err) {
      if (err instanceof ConfigError) return { ok: false, error: `config: ${err.message}` };
      throw err;
    }
    const warnings: string[] = [];
    const derived = new Set(['steps', 'delta']);
    const unknown = Object.keys(doc.config as object).filter(
      (key) => !(CONFIG_KEYS as string[]).includes(key) && !derived.has(key),
    );
    if (unknown.length)
      warnings.push(
        `config keys this app does not know were ignored: ${unknown.slice(0, 5).map(showValue).join(', ')}`,
      );
    return { ok: true, file, config, warnings };
  } catch (err) {
    return { ok: false, error: `unreadable run file: ${err instanceof Error ? err.message : String(err)}` };
  }
}
