// Orthonormalisation of a stack of rows in place: modified Gram–Schmidt, done twice ("twice is
// enough", Giraud et al.), against an optional locked set first. Rows that turn out (numerically)
// dependent are replaced by deterministic random vectors, so a block never loses rank: subspace
// iteration needs p independent directions even when a warm start repeats itself or A kills a vector.
import { axpy, dot, norm, scale } from './blas';
import { fillNormal, type Rng } from './random';

export interface OrthonormalizeOptions {
  /** rows the result must also be orthogonal to (assumed orthonormal already) */
  locked?: Float64Array;
  lockedCount?: number;
  /** source of replacement vectors for dependent rows; without it dependent rows throw */
  rng?: Rng;
  /** a row is "dependent" when what survives projection is below dropTol × its original norm */
  dropTol?: number;
}

/**
 * Orthonormalises rows 0..count−1 of x (each of length dim) in place.
 * Returns how many rows had to be replaced by random vectors.
 */
export function orthonormalizeRows(
  x: Float64Array,
  count: number,
  dim: number,
  opts: OrthonormalizeOptions = {},
): number {
  const locked = opts.locked;
  const lockedCount = locked ? (opts.lockedCount ?? locked.length / dim) : 0;
  if (count + lockedCount > dim) throw new Error(`orthonormalizeRows: ${count}+${lockedCount} rows exceed dim ${dim}`);
  const dropTol = opts.dropTol ?? 1e-10;
  let replaced = 0;
  for (let i = 0; i < count; i++) {
    const off = i * dim;
    let attempts = 0;
    for (;;) {
      const before = norm(x, off, dim);
      if (before > 0 && Number.isFinite(before)) {
        for (let pass = 0; pass < 2; pass++) {
          for (let l = 0; l < lockedCount; l++)
            axpy(-dot(locked!, l * dim, x, off, dim), locked!, l * dim, x, off, dim);
          for (let k = 0; k < i; k++) axpy(-dot(x, k * dim, x, off, dim), x, k * dim, x, off, dim);
        }
        const after = norm(x, off, dim);
        if (after > dropTol * before) {
          scale(1 / after, x, off, dim);
          break;
        }
      }
      // Dependent (or zero / non-finite) row: replace it by a random direction and try again.
      if (!opts.rng) throw new Error(`orthonormalizeRows: row ${i} is linearly dependent and no rng was given`);
      if (++attempts > 10) throw new Error('orthonormalizeRows: cannot find an independent direction');
      fillNormal(opts.rng, x, off, dim);
      replaced++;
    }
  }
  return replaced;
}
