// Per-column weights of a batched apply: out (M × n) takes column index[j] of the packed M × width
// weights for its column j. Done here, not with tf.gather: tfjs-wasm's GatherV2 along axis 1 cost
// over 20× slower than this row-major sweep, which writes contiguously. Same float32 values, so the
// same products.
export function gatherColumns(
  packed: Float32Array,
  M: number,
  width: number,
  index: Int32Array,
  into?: Float32Array,
): Float32Array {
  const n = index.length;
  // `into` (≥ M·n entries, e.g. a buffer reused across calls): the result is its first M·n entries
  const out = into ? into.subarray(0, M * n) : new Float32Array(M * n);
  for (let m = 0; m < M; m++) {
    const row = m * width;
    const dst = m * n;
    for (let j = 0; j < n; j++) out[dst + j] = packed[row + index[j]];
  }
  return out;
}
