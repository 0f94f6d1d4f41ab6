// The run as CSV for spreadsheets and R: one row per checkpoint × (matrix, block), the top-j
// eigenvalues in columns eigenvalue_1 … eigenvalue_J (J = the largest j of any block; shorter rows
// leave the rest empty). alignment is empty where undefined (alignment_note says why); alignment_dim is
// the dimension of the outlier space it is measured against; outliers_at_least: the count is a lower bound.
// leave the rest empty). Where H and G are not the paper's default (measureOn = recent, gRidge) a last
// column `measured` says what each row's matrix is, e.g. "G (with ridge) on the last 600 training samples".
import type { CheckpointRecord } from './runFile';
import { matrixLabel, measuredOnPhrase } from '../state/measurement';
import type { Config } from '../state/schema';

export const CSV_HEAD = ['step', 'time', 'loss', 'accuracy', 'matrix', 'block'] as const;
export const CSV_TAIL = [
  'residual_max',
  'alignment',
  'outliers',
  'bulkEdge',
  'alignment_dim',
  'alignment_note',
  'outliers_at_least',
] as const;

/**
 * A CSV field: numbers as JavaScript prints them (round-trip exact), text quoted when it must be; an
 * absent or undefined value (null alignment, a field older files lack) is empty (NA in R).
 */
function field(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function runToCsv(
  checkpoints: readonly CheckpointRecord[],
  config?: Partial<Pick<Config, 'measureOn' | 'gRidge' | 'M'>>,
): string {
  const j = Math.max(0, ...checkpoints.flatMap((c) => c.spectra.map((s) => s.eigenvalues.length)));
  const measure = { measureOn: config?.measureOn ?? 'test', gRidge: config?.gRidge ?? false } as const;
  const labelled = measure.measureOn !== 'test' || measure.gRidge;
  const measured = (matrix: 'H' | 'G') =>
    `${matrixLabel(matrix, measure)} ${measuredOnPhrase(measure, config?.M ?? 0)}`;
  const header = [
    ...CSV_HEAD,
    ...Array.from({ length: j }, (_, i) => `eigenvalue_${i + 1}`),
    ...CSV_TAIL,
    ...(labelled ? ['measured'] : []),
  ];
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
          field(s.alignmentDim),
          field(s.alignmentNote),
          field(s.outliersAtLeast),
          ...(labelled ? [field(measured(s.matrix))] : []),
        ].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}
