import { describe, expect, it } from 'vitest';
import { RecentWindow } from './recentWindow';

/** sample n of a fake stream: inputs [n, n + 0.5], label n mod 3, cluster n mod 5 */
function feed(window: RecentWindow, from: number, to: number): void {
  for (let n = from; n < to; n++) window.record(Float32Array.from([0, 0, n, n + 0.5]), 1, n % 3, n % 5);
}

describe('RecentWindow', () => {
  it('holds the last `size` samples in draw order, oldest first', () => {
    const window = new RecentWindow(3, 2);
    feed(window, 0, 7);
    const s = window.samples();
    expect(s.n).toBe(3);
    expect(Array.from(s.inputs)).toEqual([4, 4.5, 5, 5.5, 6, 6.5]);
    expect(Array.from(s.labels)).toEqual([1, 2, 0]);
    expect(Array.from(s.clusters)).toEqual([4, 0, 1]);
    expect(window.count).toBe(7);
  });

  it('before `size` samples: the prefilled upcoming ones after those drawn', () => {
    const window = new RecentWindow(4, 2);
    let n = 0;
    window.prefill((out, offset) => {
      out[offset] = n;
      out[offset + 1] = n + 0.5;
      const drawn = { label: n % 3, cluster: n % 5 };
      n++;
      return drawn;
    });
    expect(window.count).toBe(0);
    expect(Array.from(window.samples().inputs)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    feed(window, 0, 2); // the same samples drawn again: nothing moves
    expect(Array.from(window.samples().inputs)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    feed(window, 2, 5);
    expect(Array.from(window.samples().inputs)).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
  });

  it('save and restore give back the same window, and a copy is independent of the ring', () => {
    const window = new RecentWindow(3, 2);
    feed(window, 0, 5);
    const saved = window.save();
    const before = window.samples();
    feed(window, 5, 6);
    expect(Array.from(before.inputs)).toEqual([2, 2.5, 3, 3.5, 4, 4.5]);
    window.restore(saved);
    expect(window.samples()).toEqual(before);
    expect(window.count).toBe(5);
    expect(() => window.restore({ ...saved, size: 4 })).toThrow(/another size/);
    expect(() => new RecentWindow(0, 2)).toThrow(/size must be ≥ 1/);
  });
});
