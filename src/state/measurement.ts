// Words for what H and G are built on (measureOn) and which G (gRidge), shared by every place a user
// sees the matrices: panel titles and legends, the run file's `matrices`, CSV, the CLI summary, SVG <desc>.
import type { Config, MatrixKind } from './schema';

/** "G (with ridge)" under gRidge, else the matrix's name. */
export function matrixLabel(matrix: MatrixKind, config: Pick<Config, 'gRidge'>): string {
  return matrix === 'G' && config.gRidge ? 'G (with ridge)' : matrix;
}

/** Where H and G are measured, as a phrase: "on the last 600 training samples" / "on 600 test samples". */
export function measuredOnPhrase(config: Pick<Config, 'measureOn'>, M: number): string {
  return config.measureOn === 'recent' ? `on the last ${M} training samples` : `on ${M} test samples`;
}

/**
 * One sentence on what H and G are built on where it is not the paper's default (recent window, G with
 * ridge); undefined for the default.
 */
export function matricesNote(config: Pick<Config, 'measureOn' | 'gRidge'>, M: number): string | undefined {
  const parts: string[] = [];
  if (config.measureOn === 'recent')
    parts.push(
      `H and G are built at each checkpoint on the last M = ${M} samples SGD drew (measureOn = recent; before M samples are drawn, the stream's first M): samples used to train, so not independent of the parameters; loss and accuracy are on the test set`,
    );
  if (config.gRidge)
    parts.push(
      'G is G with ridge (gRidge): (1/M) Σ (g_m + βx)(g_m + βx)ᵀ = G + β(ḡxᵀ + xḡᵀ) + β²xxᵀ, built on the gradients of the regularised loss SGD descends',
    );
  return parts.length ? parts.join('. ') + '.' : undefined;
}

/**
 * What the panels' text summaries (and so the exported SVG <desc>) add where the matrices are not the
 * paper's default; undefined for the default.
 */
export function matricesSentence(config: Pick<Config, 'measureOn' | 'gRidge'>, M: number): string | undefined {
  const G = matrixLabel('G', config);
  if (config.measureOn === 'recent')
    return `H and ${G} are built on the last ${M} training samples SGD drew (measureOn = recent), not on the test set.`;
  if (config.gRidge) return 'G is G with ridge: built on the regularised per-sample gradients g_m + βx (gRidge).';
  return undefined;
}
