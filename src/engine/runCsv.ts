// The run as CSV for spreadsheets and R: one row per checkpoint × (matrix, block), the top-j
// eigenvalues in columns eigenvalue_1 … eigenvalue_J (J = the largest j of any block; shorter rows
// leave the rest empty).
import type { CheckpointRecord } from './runFile';

export const CSV_HEAD = ['step', 'time', 'loss', 'accuracy', 'matrix', 'block'] as const;
export const CSV_TAIL = ['residual_max', 'alignment', 'outliers', 'bulkEdge'] as const;

/** A CSV field: numbers as JavaScript prints them (round-trip exact), text quoted when it must be. */
function field(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function runToCsv(checkpoints: readonly CheckpointRecord[]): string {
  const j = Math.max(0, ...checkpoints.flatMap((c) => c.spectra.map((s) => s.eigenvalues.length)));
  const header = [...CSV_HEAD, ...Array.from({ length: j }, (_, i) => `eigenvalue_${i + 1}`), ...CSV_TAIL];
  const rows = [header.join(',')];
  for (const c of checkpoints) {
    for (const s of c.spectra) {
      const eigen = Array.from({ length: j }, (_, i) => (i < s.eigenvalues.length ? field(s.eigenvalues[i]) : ''));
      const residualMax = s.residuals.length ? Math.max(...s.residuals) : NaN;
      rows.push(
        [
          field(c.step),
          field(c.time),
          field(c.loss),
          field(c.accuracy),
          field(s.matrix),
          field(s.block),
          ...eigen,
          field(residualMax),
          field(s.alignment),
          field(s.outliers),
          field(s.bulkEdge),
        ].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}
