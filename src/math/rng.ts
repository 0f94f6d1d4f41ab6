// Seeded randomness with named streams. Every random draw comes from a stream named by its purpose
// ("init", "train", "test", "means", …), so changing M does not change the training samples and
// changing T does not change the initialisation.
//
// Source: xoroshiro128+ from pure-rand (period 2^128 − 1). d3-random's randomLcg has period 2^32, and
// one run of online SGD at d = 4000 draws ~10^9 normals: an LCG would wrap around inside a run.
// Normals: Marsaglia's polar method keeping BOTH outputs of each accepted pair (d3's randomNormal
// discards one), which halves the cost of the dominant part of an SGD step: drawing Z ∈ R^d.
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export interface Stream {
  /** uniform on [0, 1) */
  uniform(): number;
  /** standard normal */
  normal(): number;
  /** fills `out` with independent N(0, scale²) draws */
  fillNormal(out: Float32Array | Float64Array, scale?: number): void;
  /** an integer in [0, n) */
  int(n: number): number;
  /** The exact position of the stream (generator state + the polar method's spare normal). */
  save?(): StreamState;
}

/** A stream's position: `restoreStream(save())` continues with exactly the same draws. */
export interface StreamState {
  generator: number[];
  spare: number;
  hasSpare: boolean;
}

/** FNV-1a hash of the stream name mixed with the seed, then an avalanche: a well-spread 32-bit seed. */
export function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const TWO_POW_32 = 4294967296;

export function makeStream(seed: number, name: string): Stream {
  return streamFrom(xoroshiro128plus(streamSeed(seed, name)));
}

/** A stream that continues exactly where the saved one was (backend switch, resume). */
export function restoreStream(state: StreamState): Stream {
  const stream = streamFrom(xoroshiro128plusFromState(state.generator));
  stream.restoreSpare(state.spare, state.hasSpare);
  return stream;
}

function streamFrom(
  generator: ReturnType<typeof xoroshiro128plus>,
): Stream & { restoreSpare(spare: number, hasSpare: boolean): void } {
  // 53-bit uniforms from two 32-bit outputs: no lattice at the resolution the tails need.
  const uniform = (): number =>
    ((generator.next() >>> 0) * TWO_POW_32 + (generator.next() >>> 0)) / 18446744073709551616;
  // 32-bit uniform on (−1, 1) for the polar method (its resolution only limits |z| ≲ 6.7).
  const symmetric = (): number => ((generator.next() >>> 0) + 0.5) / 2147483648 - 1;
  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = symmetric();
      v = symmetric();
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * factor;
    hasSpare = true;
    return u * factor;
  };
  return {
    uniform,
    normal,
    fillNormal(out, scale = 1) {
      // the polar method inlined, both outputs of each pair written directly: the same draws in the
      // same order as calling normal() out.length times (spare in, spare out), without a call each
      const n = out.length;
      let i = 0;
      if (n > 0 && hasSpare) {
        hasSpare = false;
        out[i++] = scale * spare;
      }
      for (; i + 1 < n; i += 2) {
        let u: number;
        let v: number;
        let s: number;
        do {
          u = symmetric();
          v = symmetric();
          s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        out[i] = scale * (u * factor);
        // normal() would have parked this one as the spare and handed it out next: leave the same
        // (consumed) spare behind, so save() is identical too
        spare = v * factor;
        out[i + 1] = scale * spare;
      }
      if (i < n) out[i] = scale * normal();
    },
    int(n) {
      return Math.min(n - 1, Math.floor(uniform() * n));
    },
    save() {
      return { generator: [...generator.getState()], spare, hasSpare };
    },
    restoreSpare(value: number, has: boolean) {
      spare = value;
      hasSpare = has;
    },
  };
}
