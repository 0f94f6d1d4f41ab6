// Start and replacement vectors of the eigensolvers, drawn from the project's seeded streams
// (../rng.ts: xoroshiro128+, polar-method normals). A numbered stream per solver use; the same
// (seed, stream) always gives the same bits.
import { makeStream, type Stream } from '../rng';

export type Rng = Stream;

export function makeRng(seed: number, stream = 0): Rng {
  return makeStream(seed, `eigen:${stream}`);
}

export function fillNormal(rng: Rng, out: Float64Array, offset = 0, length = out.length - offset): void {
  rng.fillNormal(out.subarray(offset, offset + length));
}

/** Rademacher ±1 entries (SLQ probes: ‖z‖² = dim exactly, minimal variance for trace estimates). */
export function fillRademacher(rng: Rng, out: Float64Array, offset = 0, length = out.length - offset): void {
  for (let i = 0; i < length; i++) out[offset + i] = rng.uniform() < 0.5 ? -1 : 1;
}
