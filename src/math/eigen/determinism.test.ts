import { describe, expect, it } from 'vitest';
import { solve, type SolverKind } from './index';
import { slqDensity } from './lanczos';
import { denseBatchApply, matVec, outlierCase } from './testMatrices';

describe.each(['krylov', 'chebyshev', 'subspace', 'power'] as SolverKind[])('determinism of %s', (kind) => {
  const c = outlierCase('indefinite'); // exercises the seeded lower-bound chain too
  const run = (seed: number) =>
    solve(kind, [{ dim: c.dim, j: c.j, lower: c.lower }], denseBatchApply([c.a], [c.dim]).apply, { tol: 1e-4, seed });
  it('same seed → bit-identical results; another seed → different start, same answer', async () => {
    const [a] = await run(11);
    const [b] = await run(11);
    expect(b.values).toEqual(a.values);
    expect(b.residuals).toEqual(a.residuals);
    expect(b.applications).toBe(a.applications);
    expect(Buffer.from(b.vectors.buffer).equals(Buffer.from(a.vectors.buffer))).toBe(true);
    const [other] = await run(12);
    expect(Buffer.from(other.vectors.buffer).equals(Buffer.from(a.vectors.buffer))).toBe(false);
    other.values.forEach((v, i) => expect(Math.abs(v - a.values[i])).toBeLessThan(1e-4 * Math.abs(v)));
  });
});

it('SLQ is deterministic per seed', async () => {
  const c = outlierCase('k4');
  const applyOne = (v: Float64Array) => {
    const out = new Float64Array(c.dim);
    matVec(c.a, c.dim, v, 0, out, 0);
    return out;
  };
  const a = await slqDensity(applyOne, c.dim, { steps: 20, probes: 3, seed: 5 });
  const b = await slqDensity(applyOne, c.dim, { steps: 20, probes: 3, seed: 5 });
  expect(Array.from(b.nodes)).toEqual(Array.from(a.nodes));
  expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
});
