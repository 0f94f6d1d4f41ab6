// Principal angles to the lifted mean span against a dense reference: the lift e_c ⊗ μ_a written out,
// QᵀP formed, and its singular values by one-sided Jacobi (independent of the Gram route the code takes).
import { describe, expect, it } from 'vitest';
import { makeRng, fillNormal } from './eigen/random';
import { orthonormalizeRows } from './eigen/orthonormalize';
import { orthonormalMeans, principalAnglesToMeanSpan } from './meanSpan';

/** singular values of the rows×cols matrix a (row-major), descending: one-sided Jacobi on the columns */
function singularValues(a: Float64Array, rows: number, cols: number): number[] {
  const u = Float64Array.from(a);
  const col = (j: number, i: number) => u[i * cols + j];
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < cols; p++)
      for (let q = p + 1; q < cols; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < rows; i++) {
          alpha += col(p, i) ** 2;
          beta += col(q, i) ** 2;
          gamma += col(p, i) * col(q, i);
        }
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = col(p, i);
          const y = col(q, i);
          u[i * cols + p] = c * x - s * y;
          u[i * cols + q] = s * x + c * y;
        }
      }
    if (off < 1e-15) break;
  }
  const values = Array.from({ length: cols }, (_, j) =>
    Math.hypot(...Array.from({ length: rows }, (_, i) => col(j, i))),
  );
  return values.sort((x, y) => y - x).slice(0, Math.min(rows, cols));
}

/** Dense reference: P = the lifted mean basis written out, angles = acos of the singular values of QᵀP. */
function denseAngles(q: Float64Array, r: number, means: Float64Array, m: number, d: number, copies: number): number[] {
  const basis = orthonormalMeans(means, m, d);
  const dim = copies * d;
  const lifted: Float64Array[] = [];
  for (let c = 0; c < copies; c++)
    for (const b of basis) {
      const row = new Float64Array(dim);
      row.set(b, c * d);
      lifted.push(row);
    }
  const n = lifted.length;
  const qp = new Float64Array(r * n);
  for (let i = 0; i < r; i++)
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let x = 0; x < dim; x++) s += q[i * dim + x] * lifted[t][x];
      qp[i * n + t] = s;
    }
  const sv = r >= n ? singularValues(qp, r, n) : singularValues(transpose(qp, r, n), n, r);
  return sv.map((s) => (Math.acos(Math.min(1, s)) * 180) / Math.PI);
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

function randomRows(count: number, width: number, seed: number, orthonormal: boolean): Float64Array {
  const rng = makeRng(seed);
  const a = new Float64Array(count * width);
  fillNormal(rng, a);
  if (orthonormal) orthonormalizeRows(a, count, width, { rng });
  return a;
}

describe('principalAnglesToMeanSpan', () => {
  it('matches the SVD of QᵀP with the lift written out (several shapes: r < span, r > span, 1 and 3 slots)', () => {
    const cases = [
      { d: 12, m: 3, copies: 1, r: 2 },
      { d: 12, m: 3, copies: 1, r: 5 },
      { d: 10, m: 2, copies: 3, r: 4 },
      { d: 9, m: 3, copies: 2, r: 8 },
    ];
    cases.forEach(({ d, m, copies, r }, i) => {
      const means = randomRows(m, d, 100 + i, false); // not orthogonal: the code orthonormalises them
      // eigenvectors tilted towards the mean span, so the angles are spread over (0°, 90°)
      const q = randomRows(r, copies * d, 200 + i, false);
      for (let row = 0; row < r; row++)
        for (let c = 0; c < copies; c++)
          for (let x = 0; x < d; x++) q[row * copies * d + c * d + x] += 2 * means[((row + c) % m) * d + x];
      orthonormalizeRows(q, r, copies * d, { rng: makeRng(300 + i) });
      const got = principalAnglesToMeanSpan(q, r, orthonormalMeans(means, m, d), copies);
      const want = denseAngles(q, r, means, m, d, copies);
      expect(got).toHaveLength(Math.min(r, copies * m));
      got.forEach((angle, t) => expect(Math.abs(angle - want[t]), `case ${i} angle ${t}`).toBeLessThan(1e-6));
      for (let t = 1; t < got.length; t++) expect(got[t]).toBeGreaterThanOrEqual(got[t - 1]);
    });
  });

  it('a space inside the span has angles 0; one orthogonal to it 90°; a tilt by θ in a plane gives θ', () => {
    const d = 6;
    const means = new Float64Array(2 * d);
    means[0] = 1; // μ = e_0
    means[d + 1] = 1; // ν = e_1
    const basis = orthonormalMeans(means, 2, d);
    const inside = new Float64Array(2 * d);
    inside[0] = Math.SQRT1_2;
    inside[1] = Math.SQRT1_2;
    inside[d] = Math.SQRT1_2;
    inside[d + 1] = -Math.SQRT1_2;
    principalAnglesToMeanSpan(inside, 2, basis, 1).forEach((a) => expect(a).toBeLessThan(1e-6));
    const outside = new Float64Array(d);
    outside[4] = 1;
    expect(principalAnglesToMeanSpan(outside, 1, basis, 1)).toEqual([90]);
    const theta = 25;
    const tilted = new Float64Array(d);
    tilted[0] = Math.cos((theta * Math.PI) / 180);
    tilted[3] = Math.sin((theta * Math.PI) / 180);
    expect(principalAnglesToMeanSpan(tilted, 1, basis, 1)[0]).toBeCloseTo(theta, 9);
    // lifted to two slots: e_1 ⊗ μ is in the span, whatever the slot
    const slot1 = new Float64Array(2 * d);
    slot1[d] = 1;
    expect(principalAnglesToMeanSpan(slot1, 1, basis, 2)[0]).toBeLessThan(1e-6);
  });

  it('no space (r = 0) gives no angle; dependent means are dropped from the basis', () => {
    const d = 4;
    const means = Float64Array.from([1, 0, 0, 0, 2, 0, 0, 0]);
    expect(orthonormalMeans(means, 2, d)).toHaveLength(1);
    expect(principalAnglesToMeanSpan(new Float64Array(d), 0, orthonormalMeans(means, 2, d), 1)).toEqual([]);
  });
});
