import { describe, expect, it } from 'vitest';
import { dot, meanPlane, planeBasis, projectRows } from './planeProjection';

describe('plane projection', () => {
  it('planeBasis is orthonormal, spans (a, b), and is undefined for a zero or parallel pair', () => {
    const a = [3, 0, 4];
    const b = [1, 2, 0];
    const [e1, e2] = planeBasis(a, b)!;
    expect(dot(e1, e1)).toBeCloseTo(1, 14);
    expect(dot(e2, e2)).toBeCloseTo(1, 14);
    expect(Math.abs(dot(e1, e2))).toBeLessThan(1e-15);
    expect(Array.from(e1)).toEqual([0.6, 0, 0.8]);
    // b = (b·e1) e1 + (b·e2) e2: b lies in the plane
    const back = e1.map((v, i) => dot(b, e1) * v + dot(b, e2) * e2[i]);
    back.forEach((v, i) => expect(v).toBeCloseTo(b[i], 14));
    expect(planeBasis([0, 0, 0], b)).toBeUndefined();
    expect(planeBasis(a, [6, 0, 8])).toBeUndefined();
  });

  it('projectRows gives each row its (x, y) in the plane, times its scale', () => {
    const basis = planeBasis([1, 0, 0], [0, 1, 0])!;
    const rows = [
      [2, 3, 9],
      [-1, 5, 0],
    ];
    expect(Array.from(projectRows((r) => rows[r], 2, basis))).toEqual([2, 3, -1, 5]);
    expect(
      Array.from(
        projectRows(
          (r) => rows[r],
          2,
          basis,
          (r) => (r === 1 ? -1 : 1),
        ),
      ),
    ).toEqual([2, 3, 1, -5]);
  });

  it('meanPlane keeps the pair in range and distinct, names the axes and marks an orthogonalised one', () => {
    const means = [
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    const at = (r: number) => means[r];
    const names = ['μ₀', 'μ₁', 'μ₂'];
    expect(meanPlane(at, 3, names, 0, 2).axes).toEqual(['μ₀', 'μ₂']);
    expect(meanPlane(at, 3, names, 0, 1).axes).toEqual(['μ₀', 'μ₁⊥']);
    expect(meanPlane(at, 3, names, 7, 7).axes).toEqual(['μ₂', 'μ₀']);
    expect(meanPlane(at, 2, ['μ', 'ν'], 0, 0).axes).toEqual(['μ', 'ν⊥']);
  });
});
