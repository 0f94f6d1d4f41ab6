// The 2-D projection panel's geometry: an orthonormal plane in input space (two means, or two
// eigenvectors) and the coordinates of samples, weight vectors and means in it. Shared by the live
// run (worker/views.ts) and a saved run file (ui/savedRun.ts), so both draw the same picture.

export type PlaneBasis = [Float64Array, Float64Array];

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function normalize(v: Float64Array): boolean {
  const n = Math.sqrt(dot(v, v));
  if (!(n > 1e-12)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return true;
}

/** e1 = a/|a|, e2 = (b − (b·e1)e1)/|…| (Gram–Schmidt); undefined when a is zero or b parallel to it. */
export function planeBasis(a: ArrayLike<number>, b: ArrayLike<number>): PlaneBasis | undefined {
  const e1 = Float64Array.from(a);
  const e2 = Float64Array.from(b);
  if (!normalize(e1)) return undefined;
  const c = dot(e2, e1);
  for (let i = 0; i < e2.length; i++) e2[i] -= c * e1[i];
  if (!normalize(e2)) return undefined;
  return [e1, e2];
}

/** (x, y) of `count` rows, interleaved; `scale(r)` multiplies row r's coordinates (a mean's sign). */
export function projectRows(
  row: (r: number) => ArrayLike<number>,
  count: number,
  [e1, e2]: PlaneBasis,
  scale: (r: number) => number = () => 1,
): Float32Array {
  const out = new Float32Array(2 * count);
  for (let r = 0; r < count; r++) {
    const v = row(r);
    const s = scale(r);
    out[2 * r] = s * dot(v, e1);
    out[2 * r + 1] = s * dot(v, e2);
  }
  return out;
}

/**
 * The plane of two means: the requested pair (pa, pb), kept in range and distinct, and the axis names
 * (the model's names of its means), the second marked ⊥ where it had to be orthogonalised.
 */
export function meanPlane(
  means: (r: number) => ArrayLike<number>,
  count: number,
  names: readonly string[],
  pa: number,
  pb: number,
): { basis: PlaneBasis | undefined; axes: [string, string] } {
  const a = Math.min(pa, count - 1);
  const b = pb < count && pb !== a ? pb : a === 0 ? 1 : 0;
  const orth = Math.abs(dot(means(a), means(b))) > 1e-9;
  return { basis: planeBasis(means(a), means(b)), axes: [names[a], orth ? `${names[b]}⊥` : names[b]] };
}

/** a zero basis (every point at the origin) for when no plane exists */
export const zeroBasis = (d: number): PlaneBasis => [new Float64Array(d), new Float64Array(d)];
