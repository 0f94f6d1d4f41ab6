import { describe, expect, it } from 'vitest';
import { extrapolateRows } from './extrapolate';
import { orthonormalizeRows } from './orthonormalize';
import { fillNormal, makeRng } from './random';
import { maxPrincipalSine, randomOrthogonal } from './testMatrices';

const dim = 40;
const p = 4;

/** exp(tS) applied to each row of a fixed orthonormal basis (S skew): a smoothly rotating subspace */
function rotating(t: number, basis: Float64Array, generator: Float64Array): Float64Array {
  // the exponential's Taylor series: ‖tS‖ ≤ 0.3 here, so 12 terms are exact to rounding
  const out = new Float64Array(p * dim);
  for (let r = 0; r < p; r++) {
    let term = Float64Array.from(basis.subarray(r * dim, (r + 1) * dim));
    const acc = Float64Array.from(term);
    for (let n = 1; n <= 12; n++) {
      const next = new Float64Array(dim);
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += generator[i * dim + j] * term[j];
        next[i] = (t * s) / n;
      }
      term = next;
      for (let i = 0; i < dim; i++) acc[i] += term[i];
    }
    out.set(acc, r * dim);
  }
  return out;
}

function setup(seed: number) {
  const rng = makeRng(seed, 0);
  const basis = randomOrthogonal(dim, rng).slice(0, p * dim);
  const a = new Float64Array(dim * dim);
  fillNormal(rng, a);
  const generator = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++)
    for (let j = 0; j < dim; j++) generator[i * dim + j] = (0.05 * (a[i * dim + j] - a[j * dim + i])) / Math.sqrt(dim);
  return { basis, generator };
}

describe('extrapolateRows', () => {
  it('predicts a smoothly rotating subspace better than its last position', () => {
    for (const seed of [1, 2, 3]) {
      const { basis, generator } = setup(seed);
      const [u0, u1, u2] = [0, 1, 2].map((t) => rotating(t, basis, generator));
      const predicted = extrapolateRows(u1, u0, p, dim)!;
      orthonormalizeRows(predicted, p, dim);
      const stay = maxPrincipalSine(u1, u2, p, dim);
      const moved = maxPrincipalSine(predicted, u2, p, dim);
      expect(stay).toBeGreaterThan(1e-3);
      expect(moved).toBeLessThan(0.2 * stay);
    }
  });

  it('ignores how each solve ordered, signed and rotated its rows within the subspace', () => {
    const { basis, generator } = setup(4);
    const [u0, u1] = [0, 1].map((t) => rotating(t, basis, generator));
    const r = randomOrthogonal(p, makeRng(9, 0));
    const mixed = new Float64Array(p * dim); // R·U₀: the same subspace, other rows
    for (let a = 0; a < p; a++)
      for (let b = 0; b < p; b++) for (let i = 0; i < dim; i++) mixed[a * dim + i] += r[a * p + b] * u0[b * dim + i];
    const plain = extrapolateRows(u1, u0, p, dim)!;
    const fromMixed = extrapolateRows(u1, mixed, p, dim)!;
    for (let i = 0; i < p * dim; i++) expect(Math.abs(plain[i] - fromMixed[i])).toBeLessThan(1e-12);
  });

  it('a subspace at rest stays put; unrelated or mismatched inputs give undefined', () => {
    const { basis } = setup(5);
    const still = extrapolateRows(basis, basis, p, dim)!;
    for (let i = 0; i < p * dim; i++) expect(Math.abs(still[i] - basis[i])).toBeLessThan(1e-12);
    // a subspace orthogonal to the first: nothing to align
    const other = randomOrthogonal(dim, makeRng(5, 0)).slice(p * dim, 2 * p * dim);
    expect(extrapolateRows(other, basis, p, dim)).toBeUndefined();
    expect(extrapolateRows(basis, basis.subarray(0, (p - 1) * dim), p, dim)).toBeUndefined();
  });
});
