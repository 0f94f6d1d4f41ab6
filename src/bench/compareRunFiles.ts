// `npx tsx src/bench/compareRunFiles.ts <before-dir> <after-dir>`: how far two sets of run files (same
// names, e.g. /tmp/runfiles.sh outputs) differ, number by number. Per file: whether the bytes are the
// same, the count of numbers that differ, and the largest relative change |a − b| / max(|a|, |b|) per
// kind of field (eigenvalues, alignment, theory, other), with the path where it happens, and the
// largest absolute change of that kind (values at rounding level near 0 have large relative changes).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Worst = { rel: number; abs: number; path: string; a: number; b: number };

function kindOf(path: string): string {
  if (path.includes('.theory')) return 'theory';
  if (/\.eigenvalues\b/.test(path)) return 'eigenvalues';
  if (/\.alignment|\.overlaps?\b/.test(path)) return 'alignment';
  return 'other';
}

export function compare(
  a: unknown,
  b: unknown,
  path = '$',
  worst = new Map<string, Worst>(),
  count = { differ: 0, structure: 0 },
) {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) {
      count.differ++;
      const rel = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      const kind = kindOf(path);
      const w = worst.get(kind);
      if (!w || rel > w.rel) worst.set(kind, { rel, abs: Math.max(w?.abs ?? 0, Math.abs(a - b)), path, a, b });
      else w.abs = Math.max(w.abs, Math.abs(a - b));
    }
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) count.structure++;
    for (let i = 0; i < Math.min(a.length, b.length); i++) compare(a[i], b[i], `${path}[${i}]`, worst, count);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!(k in a) || !(k in b)) count.structure++;
      else compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, worst, count);
    }
  } else if (a !== b) count.structure++;
  return { worst, count };
}

const [before, after] = process.argv.slice(2);
if (!before || !after) throw new Error('usage: compareRunFiles.ts <before-dir> <after-dir>');
for (const name of readdirSync(before)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const ra = readFileSync(join(before, name), 'utf8');
  const rb = readFileSync(join(after, name), 'utf8');
  if (ra === rb) {
    console.log(`${name}: byte-identical`);
    continue;
  }
  const { worst, count } = compare(JSON.parse(ra), JSON.parse(rb));
  console.log(`${name}: ${count.differ} numbers differ, ${count.structure} structural differences`);
  for (const [kind, w] of [...worst].sort())
    console.log(
      `  ${kind}: max rel ${w.rel.toExponential(2)} at ${w.path} (${w.a} → ${w.b}); max abs ${w.abs.toExponential(2)}`,
    );
}
