// Deterministic random numbers for start vectors and replacement vectors. Self-contained (no d3) so the
// solvers stay a pure numeric module; the same (seed, stream) always gives the same bits.

export interface Rng {
  /** uniform on [0, 1) */
  uniform(): number;
  /** standard normal (Box–Muller) */
  normal(): number;
}

/** Mixes a seed and a stream index into a 32-bit state (murmur3 finaliser: nearby seeds land far apart). */
function mixSeed(seed: number, stream: number): number {
  let h = (seed >>> 0) ^ Math.imul(stream + 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, good enough for start vectors. */
export function makeRng(seed: number, stream = 0): Rng {
  let state = mixSeed(seed, stream);
  let spare: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = uniform();
    while (u <= 1e-300) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

export function fillNormal(rng: Rng, out: Float64Array, offset = 0, length = out.length - offset): void {
  for (let i = 0; i < length; i++) out[offset + i] = rng.normal();
}

/** Rademacher ±1 entries (SLQ probes: ‖z‖² = dim exactly, minimal variance for trace estimates). */
export function fillRademacher(rng: Rng, out: Float64Array, offset = 0, length = out.length - offset): void {
  for (let i = 0; i < length; i++) out[offset + i] = rng.uniform() < 0.5 ? -1 : 1;
}
