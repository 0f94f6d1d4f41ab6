// Validation of raw (string) values against the schema, in two modes:
//  - 'strict' (CLI): the first problem is an error naming the key, the allowed range and the value;
//  - 'clamp' (URL, sliders): every problem is repaired (clamped or defaulted) and reported as a notice.
import { CONFIG_KEYS, SCHEMA, defaultConfig, resolve, type Config, type ConfigKey, type KeySpec } from './schema';
import { modelInfo } from '../models/registry';

export interface Notice {
  key: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Largest d·M (floats of one copy of the test set) we allocate: 2 copies (Ŷ, Ŷᵀ) in float32 = 512 MB. */
export const MAX_TEST_FLOATS = 64_000_000;
/**
 * Sample sets of d·M floats a run holds: the test set, plus with measureOn = recent the window of the
 * last M training samples (its ring buffer and its tensors), which costs as much again.
 */
export function sampleSetCopies(config: Pick<Config, 'measureOn'>): number {
  return config.measureOn === 'recent' ? 2 : 1;
}

/** Largest number of parameters (k·d or K·d + …) a run may have. */
export const MAX_PARAMS = 2_000_000;

export function describeRange(spec: KeySpec): string {
  if (spec.type === 'enum') return `one of ${spec.values!.join('|')}`;
  if (spec.type === 'bool') return '0 or 1';
  const kind = spec.type === 'int' ? 'an integer' : 'a number';
  return `${kind} in [${spec.min}, ${spec.max}]`;
}

function isConfigKey(key: string): key is ConfigKey {
  return Object.prototype.hasOwnProperty.call(SCHEMA, key);
}

/** Shows a user-supplied value safely in one line (never as HTML; shortened). */
export function showValue(raw: unknown): string {
  const text = String(raw);
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  const oneLine = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(oneLine.length > 40 ? oneLine.slice(0, 40) + '…' : oneLine);
}

type Parsed =
  { ok: true; value: number | string | boolean } | { ok: false; reason: string; repaired: number | string | boolean };

/** Parses one raw value; on failure also returns the repaired value clamp mode would use. */
export function parseValue(key: ConfigKey, raw: string): Parsed {
  const spec: KeySpec = SCHEMA[key];
  const text = raw.trim();
  if (spec.type === 'enum') {
    if (spec.values!.includes(text)) return { ok: true, value: text };
    return { ok: false, reason: `must be ${describeRange(spec)}`, repaired: spec.default };
  }
  if (spec.type === 'bool') {
    if (text === '1' || text === 'true') return { ok: true, value: true };
    if (text === '0' || text === 'false') return { ok: true, value: false };
    return { ok: false, reason: 'must be 0 or 1', repaired: spec.default };
  }
  // Number(' ') is 0 and Number('0x10') is 16: accept only plain decimal/scientific notation.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    return { ok: false, reason: `must be ${describeRange(spec)}`, repaired: spec.default };
  }
  const num = Number(text) + 0; // + 0: "-0" is 0 (a config never holds −0)
  if (!Number.isFinite(num)) return { ok: false, reason: `must be ${describeRange(spec)}`, repaired: spec.default };
  const min = spec.min!;
  const max = spec.max!;
  if (spec.type === 'int' && !Number.isInteger(num)) {
    const rounded = Math.min(max, Math.max(min, Math.round(num)));
    return { ok: false, reason: `must be ${describeRange(spec)}`, repaired: rounded };
  }
  if (num < min || num > max) {
    return { ok: false, reason: `must be ${describeRange(spec)}`, repaired: Math.min(max, Math.max(min, num)) };
  }
  return { ok: true, value: num };
}

/**
 * Checks the combinations that single-key ranges cannot: memory budget, overlap vs k, checkpoint
 * interval vs run length. Returns problems with repairs (clamp mode applies them).
 */
export function checkCombinations(config: Config): { key: ConfigKey; message: string; repair: () => void }[] {
  const problems: { key: ConfigKey; message: string; repair: () => void }[] = [];
  const { M } = resolve(config);
  const copies = sampleSetCopies(config);
  if (copies * config.d * M > MAX_TEST_FLOATS) {
    const maxM = Math.floor(MAX_TEST_FLOATS / (copies * config.d));
    const key: ConfigKey = config.M > 0 ? 'M' : 'phi';
    const recent = copies > 1 ? ' with measureOn = recent (the test set and the recent window: 2 sets)' : '';
    problems.push({
      key,
      message: `${copies > 1 ? '2·' : ''}d·M = ${copies > 1 ? '2·' : ''}${config.d}·${M} = ${(copies * config.d * M).toExponential(2)} floats exceeds the memory budget of ${MAX_TEST_FLOATS.toExponential(2)}${recent} (M must be ≤ ${maxM} at d = ${config.d})`,
      repair: () => {
        if (config.M > 0) config.M = maxM;
        else config.phi = Math.floor((maxM / config.d) * 100) / 100;
      },
    });
  }
  const info = modelInfo(config.model);
  const params = info.parameters.count(config);
  if (params > MAX_PARAMS) {
    const { key } = info.parameters;
    problems.push({
      key,
      message: `${params} parameters exceed the budget of ${MAX_PARAMS}`,
      repair: () => {
        config[key] = info.parameters.largest(config, MAX_PARAMS);
      },
    });
  }
  // The model's per-checkpoint working set (2-layer models: the H/G operator's stacked directions,
  // M × K·p columns, and the K·d-dimensional eigensolver blocks, models/twoLayer/budget.ts), estimated
  // from the config; the repair lowers K until it fits.
  const memory = info.memoryProblem(config, M);
  if (memory) {
    problems.push({
      key: 'K',
      message: memory,
      repair: () => {
        while (config.K > 1 && info.memoryProblem(config, resolve(config).M)) config.K--;
      },
    });
  }
  if (info.usesOverlap && config.k > 1 && config.overlap <= -1 / (config.k - 1)) {
    const lowest = Math.ceil((-1 / (config.k - 1)) * 100 + 1) / 100;
    problems.push({
      key: 'overlap',
      message: `overlap ρ = ${config.overlap} must exceed −1/(k−1) = ${(-1 / (config.k - 1)).toFixed(4)} for k = ${config.k} unit means to exist`,
      repair: () => {
        config.overlap = lowest;
      },
    });
  }
  if (config.k > config.d) {
    problems.push({
      key: 'k',
      message: `k = ${config.k} means need d ≥ k (d = ${config.d})`,
      repair: () => {
        config.k = Math.min(config.k, config.d);
      },
    });
  }
  return problems;
}

export interface ParseResult {
  config: Config;
  notices: Notice[];
  /** Keys given explicitly (for URL round trips). */
  given: Set<ConfigKey>;
}

/**
 * Builds a config from raw key/value pairs.
 * strict: throws ConfigError on the first problem (CLI); clamp: repairs and reports (URL).
 * `extraKeys` are keys owned by another layer (view state, preset) and not reported as unknown.
 */
export function configFromEntries(
  entries: Iterable<[string, string]>,
  mode: 'strict' | 'clamp',
  base: Config = defaultConfig(),
  extraKeys: ReadonlySet<string> = new Set(),
): ParseResult {
  const config: Config = { ...base };
  const notices: Notice[] = [];
  const given = new Set<ConfigKey>();
  const seen = new Set<string>();
  const record = config as unknown as Record<string, unknown>;
  for (const [key, raw] of entries) {
    if (!isConfigKey(key)) {
      if (extraKeys.has(key)) continue;
      const message = `unknown key ${showValue(key)} (known: ${CONFIG_KEYS.join(', ')})`;
      if (mode === 'strict') throw new ConfigError(key, message);
      notices.push({ key, message: `${message}; ignored` });
      continue;
    }
    if (seen.has(key)) {
      const message = `${key} given more than once; the last value wins`;
      if (mode === 'strict') throw new ConfigError(key, `${key} given more than once`);
      notices.push({ key, message });
    }
    seen.add(key);
    const parsed = parseValue(key, raw);
    if (parsed.ok) {
      record[key] = parsed.value;
    } else {
      const message = `${key} ${parsed.reason}, got ${showValue(raw)}`;
      if (mode === 'strict') throw new ConfigError(key, message);
      record[key] = parsed.repaired;
      notices.push({ key, message: `${message}; using ${parsed.repaired}` });
    }
    given.add(key);
  }
  for (const problem of checkCombinations(config)) {
    if (mode === 'strict') throw new ConfigError(problem.key, problem.message);
    problem.repair();
    notices.push({ key: problem.key, message: `${problem.message}; using ${problem.key} = ${record[problem.key]}` });
  }
  return { config, notices, given };
}

/** Validates a whole config object (e.g. read back from a run file) in strict mode. */
export function validateConfig(config: Config): Config {
  const entries: [string, string][] = CONFIG_KEYS.map((key) => [key, String(config[key])]);
  return configFromEntries(entries, 'strict').config;
}
