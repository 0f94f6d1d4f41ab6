// The fixed test set on which H and G are built (docs/MATH.md §4): M samples drawn once per run from the
// "test" stream, held as float32 tensors Ŷ (M×d) and its transpose Ŷᵀ (d×M). Both are kept because
// wasm matMul with transposeA is ~7× slower than with a pre-transposed operand (ARCHITECTURE.md).
import * as tf from '@tensorflow/tfjs-core';
import type { Samples } from './mixture';

export interface TestSet {
  M: number;
  d: number;
  samples: Samples;
  /** Ŷ, M×d */
  Y: tf.Tensor2D;
  /** Ŷᵀ, d×M */
  Yt: tf.Tensor2D;
}

export function makeTestSet(samples: Samples, d: number): TestSet {
  const M = samples.n;
  const Y = tf.tensor2d(samples.inputs, [M, d]);
  const Yt = tf.tidy(() => tf.transpose(Y) as tf.Tensor2D);
  return { M, d, samples, Y, Yt };
}

export function disposeTestSet(set: TestSet): void {
  set.Y.dispose();
  set.Yt.dispose();
}
