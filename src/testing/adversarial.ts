// One generator of random and adversarial inputs, shared by the CLI fuzz (vitest, src/cli/args.test.ts)
// and the URL fuzz (Playwright, e2e/fuzz.spec.ts): the same keys and values reach both parsers.
// Deterministic: the cases come from a seeded stream, so a failure is reproducible from its index.
import { makeStream, type Stream } from '../math/rng';
import { modelInfo } from '../models/registry';
import { CONFIG_KEYS, SCHEMA, resolve, type Config } from '../state/schema';
import { MAX_PARAMS, MAX_TEST_FLOATS } from '../state/validate';
import { VIEW_KEYS } from '../state/view';

/** Values no parser should choke on: non-numbers, overflow, markup, control characters, prototype names. */
export const NASTY_VALUES: readonly string[] = [
  '',
  ' ',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '-0',
  '0x1f',
  '0b101',
  '1_000',
  '1,5',
  '١٢٣',
  '٣',
  '½',
  '１２',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=window.__pwned=1>',
  'javascript:window.__pwned=1',
  '\u0000',
  '\u202e1',
  '\ud800',
  '🙂',
  '%',
  '%00',
  '%E0%A4%A',
  '=',
  '3=4',
  '&',
  '--',
  '-',
  '__proto__',
  'constructor',
  'toString',
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  '9'.repeat(400),
  '-' + '9'.repeat(40),
  '0.' + '0'.repeat(400) + '1',
];

/** Keys: every config and view key (so valid-looking input is common), plus unknown and hostile ones. */
export const FUZZ_KEYS: readonly string[] = [
  ...CONFIG_KEYS,
  ...VIEW_KEYS,
  'preset',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'bogus',
  '',
  'D',
  'd ',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=window.__pwned=1>',
  '🙂',
];

/** One value: nasty, a number across many magnitudes (often out of range), a small integer, an enum value or very long. */
export function fuzzValue(rng: Stream, key?: string): string {
  const pick = rng.uniform();
  if (pick < 0.35) return NASTY_VALUES[rng.int(NASTY_VALUES.length)];
  if (pick < 0.65) return String((rng.uniform() - 0.3) * 10 ** (rng.int(24) - 6));
  if (pick < 0.8) return String(rng.int(100) - 10);
  if (pick < 0.9) {
    const spec =
      key && Object.prototype.hasOwnProperty.call(SCHEMA, key)
        ? (SCHEMA as Record<string, { values?: readonly string[] }>)[key]
        : undefined;
    if (spec?.values) return spec.values[rng.int(spec.values.length)];
    return [
      'softmax',
      'xor',
      'mlp',
      'H',
      'G',
      'class:0',
      'class:99',
      'layer1:3',
      'full',
      'log',
      'eigen',
      'default',
      'low-snr',
    ][rng.int(13)];
  }
  if (pick < 0.95) return 'x'.repeat(1000 + rng.int(4000));
  return Array.from({ length: 1 + rng.int(30) }, () => String.fromCharCode(rng.int(0xffff))).join('');
}

/** Key/value pairs (repeated keys are common: a few keys are drawn from a short list). */
export function fuzzEntries(rng: Stream, maxPairs = 8): [string, string][] {
  const n = rng.int(maxPairs + 1);
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const key =
      rng.uniform() < 0.1 && out.length > 0 ? out[rng.int(out.length)][0] : FUZZ_KEYS[rng.int(FUZZ_KEYS.length)];
    out.push([key, fuzzValue(rng, key)]);
  }
  return out;
}

/** Lone surrogates → U+FFFD, so encodeURIComponent never throws on generated text. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * A query string (starting with '?'): usually URL-encoded pairs; sometimes raw text with unescaped
 * markup, stray '&', '=', '%', or one huge parameter — what a hand-edited or hostile link looks like.
 */
export function fuzzQuery(rng: Stream): string {
  const pick = rng.uniform();
  const entries = fuzzEntries(rng);
  if (pick < 0.55)
    return (
      '?' +
      entries.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`).join('&')
    );
  if (pick < 0.8) {
    // Raw: only what would break the URL itself is escaped ('#' starts a fragment, spaces and controls).
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    const raw = (s: string) => wellFormed(s).replace(/[#\s\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
    return (
      '?' +
      entries
        .map(([k, v]) => (rng.uniform() < 0.1 ? raw(k) : `${raw(k)}=${raw(v)}`))
        .join(rng.uniform() < 0.1 ? '&&' : '&')
    );
  }
  if (pick < 0.9)
    return [
      '?',
      '?&',
      '?=',
      '?==&==',
      '?&&&',
      '?d',
      '?d=',
      '?=5',
      '?%',
      '?%%%',
      '?d=%zz',
      '?preset',
      '?preset=',
      '?preset=__proto__',
    ][rng.int(14)];
  // One very long parameter (tens of kB) or many repetitions of one key.
  if (rng.uniform() < 0.5) return `?${FUZZ_KEYS[rng.int(FUZZ_KEYS.length)]}=${'9'.repeat(10_000 + rng.int(20_000))}`;
  const key = CONFIG_KEYS[rng.int(CONFIG_KEYS.length)];
  return '?' + Array.from({ length: 200 }, (_, i) => `${key}=${i - 50}`).join('&');
}

/**
 * Shortens a query until its URL-encoded form fits `maxBytes`. HTTP servers refuse longer request
 * lines before any page loads (Node: 16 kB of headers → 431, nginx: 8 kB → 414), so the browser fuzz
 * keeps its very long cases just under a common limit; the decoder fuzz (vitest) uses them whole.
 */
export function fitRequestLine(query: string, maxBytes = 7000): string {
  let q = query;
  while (encodeURI(wellFormed(q)).length > maxBytes) q = q.slice(0, Math.floor(q.length * 0.8));
  return q;
}

/** A CLI argument list: `--key value` or `--key=value` pairs, stray words, bare dashes. */
export function fuzzArgv(rng: Stream): string[] {
  const argv: string[] = [];
  for (const [key, value] of fuzzEntries(rng, 6)) {
    const k = rng.uniform() < 0.1 ? ['out', 'seeds', 'include-data', 'help', 'quiet'][rng.int(5)] : key;
    const form = rng.uniform();
    if (form < 0.45) argv.push(`--${k}=${value}`);
    else if (form < 0.9) argv.push(`--${k}`, value);
    else argv.push(rng.uniform() < 0.5 ? value : `-${k}`);
  }
  return argv;
}

/** `count` cases from a seeded stream (the same seed gives the same cases in vitest and Playwright). */
export function fuzzCases<T>(count: number, seed: number, make: (rng: Stream) => T): T[] {
  const rng = makeStream(seed, 'fuzz');
  return Array.from({ length: count }, () => make(rng));
}

/** What is wrong with a config that passed validation (should be nothing): type, range, integer-ness, budgets. */
export function configProblems(config: Config): string[] {
  const problems: string[] = [];
  for (const key of CONFIG_KEYS) {
    const spec = SCHEMA[key] as { type: string; values?: readonly string[]; min?: number; max?: number };
    const v = config[key] as unknown;
    if (spec.type === 'enum' && !spec.values!.includes(v as string))
      problems.push(`${key} = ${String(v)} not in ${spec.values!.join('|')}`);
    else if (spec.type === 'bool' && typeof v !== 'boolean') problems.push(`${key} = ${String(v)} not boolean`);
    else if (spec.type === 'int' || spec.type === 'number') {
      const n = v as number;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < spec.min! || n > spec.max!)
        problems.push(`${key} = ${String(v)} out of [${spec.min}, ${spec.max}]`);
      if (spec.type === 'int' && !Number.isInteger(n)) problems.push(`${key} = ${String(v)} not an integer`);
    }
  }
  const { M } = resolve(config);
  // measureOn = recent keeps a second set of M samples (the window) beside the test set
  const sets = config.measureOn === 'recent' ? 2 : 1;
  if (sets * config.d * M > MAX_TEST_FLOATS) problems.push(`${sets}·d·M = ${sets * config.d * M} over budget`);
  const params = modelInfo(config.model).parameters.count(config);
  if (params > MAX_PARAMS) problems.push(`${params} parameters over budget`);
  return problems;
}

// ---- run files ----

/** Values no field of a run file should choke the reader or the charts with: wrong types, extremes, markup, prototype names. */
export const RUN_FILE_JUNK: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  1.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 2,
  '',
  '1',
  'NaN',
  'Infinity',
  'H',
  'full',
  'class:0',
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '\u202e🙂\u0000\ud800',
  '__proto__',
  'x'.repeat(5000),
  [],
  [[]],
  [[], [1]],
  [1, 'a'],
  [null],
  [[1, 2], [3]],
  {},
  { __proto__: null, polluted: 1 },
  { m: [[1]] },
  { blocks: [] },
];

/** Text that JSON.parse turns into a non-finite number (1e999) or refuses (NaN, Infinity). */
const NON_FINITE_TEXT = ['1e999', '-1e999', 'NaN', 'Infinity', '-Infinity'] as const;
const NON_FINITE_MARK = '\u0001nonfinite:';

/** Empty or hollow versions of the fields the panels read. */
const HOLLOW: readonly [string, unknown][] = [
  ['theory', {}],
  ['theory', { blocks: [{}] }],
  ['theory', { blocks: [], ode: {} }],
  ['summary', {}],
  ['diagnosis', {}],
  ['diagnosis', { neuronServes: [] }],
  ['data', {}],
  ['data', { means: [], test: { inputs: [], labels: [] }, params: {} }],
  ['ode', {}],
  ['spectra', []],
  ['spectra', [{}]],
  ['checkpoints', [{}]],
  ['config', {}],
  ['ensemble', [{}]],
  ['ensembleSummary', {}],
  ['clusterAccuracy', []],
  ['eigenvalues', []],
  ['blocks', [{ matrix: 'H' }]],
];

type Node = { parent: Record<string, unknown> | unknown[]; key: string | number; value: unknown; path: string };

/** Every node of a JSON tree (long arrays by a sample of their entries, so data does not drown the rest). */
function nodes(rng: Stream, root: unknown): Node[] {
  const out: Node[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      const picks =
        value.length <= 12 ? value.map((_, i) => i) : Array.from({ length: 6 }, () => rng.int(value.length));
      for (const i of picks) {
        out.push({ parent: value, key: i, value: value[i], path: `${path}[${i}]` });
        walk(value[i], `${path}[${i}]`);
      }
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        out.push({ parent: value as Record<string, unknown>, key, value: child, path: path ? `${path}.${key}` : key });
        walk(child, path ? `${path}.${key}` : key);
      }
    }
  };
  walk(root, '');
  return out;
}

function set(node: Node, value: unknown): void {
  (node.parent as Record<string | number, unknown>)[node.key] = value;
}

function junk(rng: Stream): unknown {
  return structuredClone(RUN_FILE_JUNK[rng.int(RUN_FILE_JUNK.length)]);
}

/** One change to a parsed run file, in place; says what it did. */
function mutateTree(rng: Stream, doc: Record<string, unknown>): string {
  const all = nodes(rng, doc);
  if (all.length === 0) return 'nothing to change';
  const node = all[rng.int(all.length)];
  const pick = rng.uniform();
  if (pick < 0.14) {
    if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
    else delete node.parent[node.key as string];
    return `delete ${node.path}`;
  }
  if (pick < 0.3) {
    const value = junk(rng);
    set(node, value);
    return `${node.path} = ${JSON.stringify(value)?.slice(0, 60)}`;
  }
  if (pick < 0.4) {
    const numbers = all.filter((n) => typeof n.value === 'number');
    const target = numbers.length ? numbers[rng.int(numbers.length)] : node;
    const text = NON_FINITE_TEXT[rng.int(NON_FINITE_TEXT.length)];
    set(target, `${NON_FINITE_MARK}${text}`);
    return `${target.path} = ${text}`;
  }
  if (pick < 0.52) {
    const hollow = HOLLOW[rng.int(HOLLOW.length)];
    const targets = all.filter((n) => n.key === hollow[0]);
    if (targets.length) {
      const target = targets[rng.int(targets.length)];
      set(target, structuredClone(hollow[1]));
      return `${target.path} = ${JSON.stringify(hollow[1])}`;
    }
    set(node, {});
    return `${node.path} = {}`;
  }
  if (pick < 0.64) {
    // wrong shapes: a number in brackets, an array's first entry, a ragged or doubled matrix
    const value = node.value;
    const shapes: [string, () => unknown][] = [
      ['[x]', () => [value]],
      ['x[0]', () => (Array.isArray(value) ? value[0] : value)],
      ['x.flat()', () => (Array.isArray(value) ? value.flat() : value)],
      ['x minus its last entry', () => (Array.isArray(value) ? value.slice(0, -1) : value)],
      ['x twice', () => (Array.isArray(value) ? [...value, ...value] : { value })],
      ['x reversed', () => (Array.isArray(value) ? [...value].reverse() : value)],
      ['String(x)', () => String(value)],
    ];
    const [name, make] = shapes[rng.int(shapes.length)];
    set(node, structuredClone(make()));
    return `${node.path} = ${name}`;
  }
  if (pick < 0.69) {
    // a huge array: many copies of an entry, or many random numbers
    const size = 20_000 + rng.int(180_000);
    const first = Array.isArray(node.value) && node.value.length ? node.value[0] : 1;
    const huge =
      rng.uniform() < 0.5
        ? Array.from({ length: size }, () => first)
        : Array.from({ length: size }, () => rng.uniform() * 1e6 - 5e5);
    set(node, huge);
    return `${node.path} = ${size} entries`;
  }
  if (pick < 0.8) {
    // numbers that stay numbers: the file still parses, maybe still valid
    const numbers = all.filter((n) => typeof n.value === 'number');
    if (!numbers.length) return 'no number to change';
    const target = numbers[rng.int(numbers.length)];
    const x = target.value as number;
    const changed = [-x, x * 1e6, x * 1e-6, 0, x + 0.5, -1e-300, 1e300, Math.round(x) + 1][rng.int(8)];
    set(target, changed);
    return `${target.path}: ${x} → ${changed}`;
  }
  if (pick < 0.88) {
    // strings and keys: unicode, markup, prototype names
    const text = [
      '<img src=x onerror="window.__pwned=1">',
      '\u202eH',
      '🙂',
      '__proto__',
      'constructor',
      'class:999',
      'layer1:-1',
      ' full',
      'G\u0000',
      'x'.repeat(3000),
    ][rng.int(10)];
    const strings = all.filter((n) => typeof n.value === 'string');
    if (strings.length && rng.uniform() < 0.5) {
      const target = strings[rng.int(strings.length)];
      set(target, text);
      return `${target.path} = ${JSON.stringify(text).slice(0, 40)}`;
    }
    const keyed = all.filter((n) => !Array.isArray(n.parent));
    if (!keyed.length) return 'no key to rename';
    const target = keyed[rng.int(keyed.length)];
    const parent = target.parent as Record<string, unknown>;
    delete parent[target.key as string];
    Object.defineProperty(parent, text, { value: target.value, enumerable: true, configurable: true, writable: true });
    return `rename ${target.path} → ${JSON.stringify(text).slice(0, 40)}`;
  }
  // checkpoints out of order, repeated, or swapped with another file's layout
  const checkpoints = doc.checkpoints;
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) return 'no checkpoints';
  const order = rng.uniform();
  if (order < 0.34) checkpoints.reverse();
  else if (order < 0.67) checkpoints.push(structuredClone(checkpoints[rng.int(checkpoints.length)]));
  else {
    const a = rng.int(checkpoints.length);
    const b = rng.int(checkpoints.length);
    const keys = ['summary', 'theory', 'spectra', 'diagnosis'];
    const key = keys[rng.int(keys.length)];
    const ca = checkpoints[a] as Record<string, unknown>;
    const cb = checkpoints[b] as Record<string, unknown>;
    [ca[key], cb[key]] = [cb[key], ca[key]];
    if (ca[key] && typeof ca[key] === 'object' && rng.uniform() < 0.5)
      (ca[key] as Record<string, unknown>).extra = junk(rng);
    return `swap checkpoints[${a}].${key} and [${b}]`;
  }
  return order < 0.34 ? 'checkpoints reversed' : 'a checkpoint repeated';
}

/**
 * A mutated run file's text: 1–3 changes to the parsed file (deleted fields, wrong types, non-finite
 * numbers, hollow objects such as `theory: {}`, wrong shapes, huge arrays, markup and unicode in
 * strings and keys, checkpoints out of order), or damage to the text itself (truncation, junk around it).
 */
export function mutateRunFile(rng: Stream, base: unknown): { text: string; what: string } {
  const doc = structuredClone(base) as Record<string, unknown>;
  const changes: string[] = [];
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) changes.push(mutateTree(rng, doc));
  let text = JSON.stringify(doc).replace(
    new RegExp(`"${NON_FINITE_MARK.replace('\u0001', '\\\\u0001')}([^"]*)"`, 'g'),
    '$1',
  );
  const damage = rng.uniform();
  if (damage < 0.06) {
    const at = rng.int(text.length);
    text = text.slice(0, at);
    changes.push(`truncated at ${at}`);
  } else if (damage < 0.09) {
    const wrap = [
      (t: string) => `\ufeff${t}`,
      (t: string) => `${t}\n{}`,
      (t: string) => `[${t}]`,
      (t: string) => `${t.slice(0, -1)},"schema":"eigenalign.run/2"}`,
      (t: string) => ` \n\t${t}\n `,
    ][rng.int(5)];
    text = wrap(text);
    changes.push('text wrapped');
  }
  return { text, what: changes.join('; ') };
}
