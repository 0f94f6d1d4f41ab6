// The CLI's argument parser: `--key value` or `--key=value` for every config key of the one schema,
// plus the CLI's own flags. Strict: the first problem is a one-line error naming the key.
import { CONFIG_KEYS, SCHEMA, type Config } from '../state/schema';
import { ConfigError, configFromEntries, describeRange, showValue } from '../state/validate';

export interface CliOptions {
  config: Config;
  out: string | undefined;
  includeData: boolean;
  help: boolean;
  quiet: boolean;
  /** ensemble: run this many seeds (seed, seed+1, …) */
  seeds: number;
  /** ensemble: measure every checkpoint of every seed and keep each seed's trajectory */
  trajectories: boolean;
  /** threads for the eigensolves: 1, 2, or 'auto' (2 where it pays, see cli/threadShare.ts) */
  threads: 1 | 2 | 'auto';
}

const FLAGS = new Set(['include-data', 'help', 'quiet', 'trajectories']);
const VALUED = new Set(['out', 'seeds', 'threads']);
export const MAX_SEEDS = 4096;

export function parseArgs(argv: readonly string[]): CliOptions {
  const entries: [string, string][] = [];
  const options = {
    out: undefined as string | undefined,
    includeData: false,
    help: false,
    quiet: false,
    seeds: 1,
    trajectories: false,
    threads: 'auto' as CliOptions['threads'],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--') || arg.length < 3)
      throw new ConfigError(arg, `unexpected argument ${showValue(arg)}: options look like --key value (see --help)`);
    const eq = arg.indexOf('=');
    const key = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (FLAGS.has(key)) {
      if (value !== undefined && value !== '1' && value !== 'true')
        throw new ConfigError(key, `--${key} takes no value, got ${showValue(value)}`);
      if (key === 'include-data') options.includeData = true;
      if (key === 'help') options.help = true;
      if (key === 'quiet') options.quiet = true;
      if (key === 'trajectories') options.trajectories = true;
      continue;
    }
    const known = VALUED.has(key) || (CONFIG_KEYS as string[]).includes(key);
    if (!known) throw new ConfigError(key, `unknown option --${showValue(key).slice(1, -1)} (see --help for the keys)`);
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && !/^--?\d/.test(value)))
        throw new ConfigError(key, `--${key} needs a value`);
      i++;
    }
    if (key === 'out') {
      if (value.trim() === '') throw new ConfigError(key, '--out needs a file name');
      options.out = value;
    } else if (key === 'seeds') {
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > MAX_SEEDS)
        throw new ConfigError(key, `seeds must be an integer in [1, ${MAX_SEEDS}], got ${showValue(value)}`);
      options.seeds = n;
    } else if (key === 'threads') {
      const v = value.trim();
      if (v !== 'auto' && v !== '1' && v !== '2')
        throw new ConfigError(key, `threads must be 1, 2 or auto, got ${showValue(value)}`);
      options.threads = v === 'auto' ? 'auto' : (Number(v) as 1 | 2);
    } else entries.push([key, value]);
  }
  if (options.trajectories && options.seeds < 2 && !options.help)
    throw new ConfigError(
      'trajectories',
      '--trajectories keeps per-seed trajectories of an ensemble: add --seeds N (N ≥ 2)',
    );
  const { config } = configFromEntries(entries, 'strict');
  return { config, ...options };
}

export function helpText(): string {
  const lines = [
    'eigenalign experiment — run online SGD and track the outlier eigenspaces of H and G headless.',
    '',
    'usage: npm run experiment -- [--key value]... [--out run.json] [--include-data] [--seeds N [--trajectories]] [--quiet]',
    '',
    'Config keys (the same names as the app URL and the run file config):',
  ];
  for (const key of CONFIG_KEYS) {
    const spec = SCHEMA[key];
    const symbol = 'symbol' in spec && spec.symbol && spec.symbol !== key ? ` (${spec.symbol})` : '';
    lines.push(
      `  --${key.padEnd(8)} ${describeRange(spec)}, default ${spec.default}${'unit' in spec ? ' ' + spec.unit : ''}`,
    );
    lines.push(`             ${spec.doc}${symbol}`);
  }
  lines.push(
    '',
    'Output:',
    '  --out FILE        write the eigenalign.run/1 JSON there (default: standard output)',
    '  --include-data    add the means, the M test samples and the last parameters (data), and',
    "                    each checkpoint's parameters (checkpoints[i].params)",
    `  --seeds N         run N seeds (seed, seed+1, …) and add a per-seed "ensemble" summary`,
    '  --trajectories    with --seeds: measure every checkpoint of every seed (slower: seeds after',
    '                    the first are otherwise measured once, at the end) and keep each seed’s',
    '                    trajectory (ensemble[i].trajectory: time, loss, accuracy, diagnosis; per',
    '                    block alignment, outliers, angle to span{μ})',
    '  --quiet           no progress bar on standard error',
    '',
    'Speed:',
    '  --threads N       1, 2 or auto (default): with 2, a second thread solves half of every',
    "                    checkpoint's eigenproblems (the same numbers as with 1); auto uses 2 on a",
    '                    machine with 2+ cores on wasm or cpu when d·M ≥ 250 000',
    '',
    'Exit codes: 0 done; 1 run failed (message on stderr); 2 bad input (message names the key).',
  );
  return lines.join('\n');
}
