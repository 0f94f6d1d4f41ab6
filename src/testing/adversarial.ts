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
  "javascript:window.__pwned=1",
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
    const spec = key && Object.prototype.hasOwnProperty.call(SCHEMA, key) ? (SCHEMA as Record<string, { values?: readonly string[] }>)[key] : undefined;
    if (spec?.values) return spec.values[rng.int(spec.values.length)];
    return ['softmax', 'xor', 'mlp', 'H', 'G', 'class:0', 'class:99', 'layer1:3', 'full', 'log', 'eigen', 'default', 'low-snr'][rng.int(13)];
  }
  if (pick < 0.95) return 'x'.repeat(1000 + rng.int(4000));
  return Array.from({ length: 1 + rng.int(30) }, () => String.fromCharCode(rng.int(0xffff))).join('');
}

/** Key/value pairs (repeated keys are common: a few keys are drawn from a short list). */
export function fuzzEntries(rng: Stream, maxPairs = 8): [string, string][] {
  const n = rng.int(maxPairs + 1);
  const out: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const key = rng.uniform() < 0.1 && out.length > 0 ? out[rng.int(out.length)][0] : FUZZ_KEYS[rng.int(FUZZ_KEYS.length)];
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
  if (pick < 0.55) return '?' + entries.map(([k, v]) => `${encodeURIComponent(wellFormed(k))}=${encodeURIComponent(wellFormed(v))}`).join('&');
  if (pick < 0.8) {
    // Raw: only what would break the URL itself is escaped ('#' starts a fragment, spaces and controls).
    const raw = (s: string) => wellFormed(s).replace(/[#\s\u0000-\u001f\u007f]/g, (c) => encodeURIComponent(c));
    return '?' + entries.map(([k, v]) => (rng.uniform() < 0.1 ? raw(k) : `${raw(k)}=${raw(v)}`)).join(rng.uniform() < 0.1 ? '&&' : '&');
  }
  if (pick < 0.9) return ['?', '?&', '?=', '?==&==', '?&&&', '?d', '?d=', '?=5', '?%', '?%%%', '?d=%zz', '?preset', '?preset=', '?preset=__proto__'][rng.int(14)];
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
    if (spec.type === 'enum' && !spec.values!.includes(v as string)) problems.push(`${key} = ${String(v)} not in ${spec.values!.join('|')}`);
    else if (spec.type === 'bool' && typeof v !== 'boolean') problems.push(`${key} = ${String(v)} not boolean`);
    else if (spec.type === 'int' || spec.type === 'number') {
      const n = v as number;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < spec.min! || n > spec.max!) problems.push(`${key} = ${String(v)} out of [${spec.min}, ${spec.max}]`);
      if (spec.type === 'int' && !Number.isInteger(n)) problems.push(`${key} = ${String(v)} not an integer`);
    }
  }
  const { M } = resolve(config);
  if (config.d * M > MAX_TEST_FLOATS) problems.push(`d·M = ${config.d * M} over budget`);
  const params = modelInfo(config.model).parameters.count(config);
  if (params > MAX_PARAMS) problems.push(`${params} parameters over budget`);
  return problems;
}
