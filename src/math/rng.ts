// Seeded randomness with named streams. Every random draw comes from a stream named by its purpose
// ("init", "train", "test", "means", …), so changing M does not change the training samples and
// changing T does not change the initialisation. Built on d3-random's seeded LCG.
import { randomLcg, randomNormal } from 'd3';

export interface Stream {
  /** uniform on [0, 1) */
  uniform(): number;
  /** standard normal */
  normal(): number;
  /** fills `out` with independent N(0, scale²) draws */
  fillNormal(out: Float32Array | Float64Array, scale?: number): void;
  /** an integer in [0, n) */
  int(n: number): number;
}

/** FNV-1a hash of the stream name mixed with the seed: a stable, well-spread LCG seed in [0, 1). */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One more avalanche round so seeds 1 and 2 land far apart.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function makeStream(seed: number, name: string): Stream {
  const uniform = randomLcg(streamSeed(seed, name));
  const normal = randomNormal.source(uniform)(0, 1);
  return {
    uniform,
    normal,
    fillNormal(out, scale = 1) {
      for (let i = 0; i < out.length; i++) out[i] = scale * normal();
    },
    int(n) {
      return Math.min(n - 1, Math.floor(uniform() * n));
    },
  };
}
