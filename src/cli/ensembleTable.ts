// `npx tsx src/cli/ensembleTable.ts run.json [more.json …]`: the ensemble of one or more run files
// (`--seeds N` of the same config) as a Markdown table: seeds, fraction optimal with its Wilson 95 %
// interval beside the BGJ22 λ → ∞ value, and the histogram of final layer-2 outlier counts of H.
import { readFileSync } from 'node:fs';
import { summarizeEnsemble, type EnsembleEntry } from '../engine/ensemble';
import { readRunFile } from '../engine/readRunFile';
import { modelInfo } from '../models/registry';
import type { RunFile } from '../engine/runFile';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write(
    'usage: npx tsx src/cli/ensembleTable.ts run.json [more.json …] (run files written with --seeds N)\n',
  );
  process.exit(2);
}
const groups = new Map<string, { config: RunFile['config']; entries: EnsembleEntry[] }>();
for (const name of files) {
  const read = readRunFile(readFileSync(name, 'utf8'));
  if (!read.ok) {
    process.stderr.write(`error: ${name}: ${read.error}\n`);
    process.exit(2);
  }
  const file = read.file;
  const entries = file.ensemble;
  if (!entries) {
    process.stderr.write(`error: ${name} has no ensemble (run the CLI with --seeds N)\n`);
    process.exit(2);
  }
  const { model, K, d, k, lambda, beta, T, cdelta } = file.config;
  const key = JSON.stringify({ model, K, d, k, lambda, beta, T, cdelta });
  const group = groups.get(key) ?? { config: file.config, entries: [] };
  group.entries.push(...entries);
  groups.set(key, group);
}
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const lines = [
  '| model | K | d | λ | β | T | seeds | optimal | fraction (95 % interval) | λ→∞ theory | layer-2 outliers of H: count → seeds |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
];
for (const { config: c, entries } of groups.values()) {
  const seeds = new Set(entries.map((e) => e.seed));
  if (seeds.size !== entries.length) process.stderr.write(`warning: repeated seeds in K = ${c.K}\n`);
  const s = summarizeEnsemble(entries);
  // a count that filled every tracked eigenvalue is a lower bound: "≥ 12→3" (raise top-j to count them all)
  const atLeast = new Set(
    entries.flatMap((e) =>
      e.spectra
        .filter((sp) => sp.matrix === 'H' && sp.block === 'layer2' && sp.outliersAtLeast)
        .map((sp) => sp.outliers),
    ),
  );
  const hist = (s.outlierHistogram?.H ?? [])
    .map((n, i) => (n ? `${atLeast.has(i) ? '≥ ' : ''}${i}→${n}` : ''))
    .filter(Boolean)
    .join(', ');
  const fraction =
    s.fractionOptimal === null
      ? '—'
      : `${pct(s.fractionOptimal)} (${pct(s.interval95![0])} … ${pct(s.interval95![1])})`;
  const law = modelInfo(c.model).ensemble?.law;
  const theory = law ? pct(law.optimalFraction(c.K)) : '—';
  lines.push(
    `| ${c.model} | ${c.K} | ${c.d} | ${c.lambda} | ${c.beta} | ${c.T} | ${s.seeds} | ${s.optimal ?? '—'} | ${fraction} | ${theory} | ${hist} |`,
  );
}
process.stdout.write(lines.join('\n') + '\n');
