import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { gatherColumns } from './gatherColumns';

describe.each(NODE_BACKENDS)('gatherColumns on %s', (backend) => {
  it('equals tf.gather along axis 1, repeated and unordered indices included', async () => {
    await useBackend(backend);
    const M = 37;
    const width = 6;
    const packed = Float32Array.from({ length: M * width }, (_, i) => Math.sin(i * 1.7) * 10 ** ((i % 7) - 3));
    const index = Int32Array.from([5, 0, 0, 3, 2, 5, 1, 4, 4]);
    const ref = tf.tidy(() => tf.gather(tf.tensor2d(packed, [M, width]), tf.tensor1d(index, 'int32'), 1));
    const expected = (await ref.data()) as Float32Array;
    ref.dispose();
    expect(Array.from(gatherColumns(packed, M, width, index))).toEqual(Array.from(expected));
    expect(gatherColumns(packed, M, width, new Int32Array(0))).toHaveLength(0);
  });
});
