// `npm run experiment -- --d 300 --k 4 …`: the headless runner. Same engine as the app; writes the
// same run file (eigenalign.run/1). Bad input: one line on stderr, exit 2, nothing written.
import { renameSync, writeFileSync, unlinkSync } from 'node:fs';
import { startNodeBackend } from '../engine/backend';
import { executeRun } from '../engine/execute';
import { matricesNote } from '../state/measurement';
import { resolve } from '../state/schema';
import { ConfigError } from '../state/validate';
import { helpText, parseArgs, type CliOptions } from './args';
import { progressBar } from './progress';
import { autoThreads, threadShareHost } from './threadShare';

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  const backend = await startNodeBackend(options.config.backend);
  if (!options.quiet) process.stderr.write(`backend: ${backend.reason}\n`);
  const matrices = matricesNote(options.config, resolve(options.config).M);
  if (!options.quiet && matrices) process.stderr.write(`matrices: ${matrices}\n`);
  const threads =
    options.threads === 'auto' ? autoThreads(options.config, resolve(options.config).M, backend.name) : options.threads;
  const shares = threads >= 2 ? threadShareHost(backend.name) : undefined;
  const bar = options.quiet ? undefined : progressBar(process.stderr);
  let file;
  try {
    file = await executeRun(options.config, {
      backend: backend.name,
      includeData: options.includeData,
      seeds: options.seeds,
      trajectories: options.trajectories,
      onProgress: bar?.update,
      shares,
      onShareFailure: (message) => process.stderr.write(`\nwarning: ${message}\n`),
    });
  } finally {
    shares?.close();
  }
  bar?.finish();
  const text = JSON.stringify(file) + '\n';
  if (options.out) {
    // Write to a temporary name and rename: a crash never leaves a half-written run file.
    const tmp = `${options.out}.partial-${process.pid}`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, options.out);
    } catch (err) {
      try {
        unlinkSync(tmp);
      } catch {
        /* nothing to clean */
      }
      throw err;
    }
    if (!options.quiet)
      process.stderr.write(
        `wrote ${options.out} (${file.checkpoints.length} checkpoints${file.status === 'diverged' ? ', DIVERGED' : ''})\n`,
      );
  } else process.stdout.write(text);
  if (file.status === 'diverged') {
    process.stderr.write(`warning: ${file.message}\n`);
    return EXIT_DIVERGED;
  }
  return 0;
}

/**
 * Exit codes: 0 the run finished; 1 it failed (an error, nothing written); 2 bad input (nothing
 * written); 3 the run diverged (the file is written, with status "diverged" and its finite checkpoints),
 * so that scripts do not mistake a diverged run for a finished one.
 */
const EXIT_DIVERGED = 3;

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (process.env.EIGENALIGN_DEBUG) console.error(err);
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
