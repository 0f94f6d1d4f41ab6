// The training stream's recent window: a ring buffer of the last `size` samples SGD drew (inputs,
// labels, clusters), for building H and G on them instead of on the fixed test set (measureOn = recent).
// Before `size` samples are drawn the window holds the stream's first `size` samples (`prefill` draws
// them from a copy of the stream: SGD then draws the very same samples and writes them over themselves),
// so every checkpoint's window has exactly `size` samples and the bulk law's aspect ratio d/M holds.
import type { Samples } from './mixture';

export interface RecentWindowState {
  size: number;
  d: number;
  inputs: Float32Array;
  labels: Int32Array;
  clusters: Int32Array;
  /** samples written so far (the next one goes to slot drawn mod size) */
  drawn: number;
}

export class RecentWindow {
  readonly size: number;
  readonly d: number;
  private readonly inputs: Float32Array;
  private readonly labels: Int32Array;
  private readonly clusters: Int32Array;
  private drawn = 0;

  constructor(size: number, d: number) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`recent window: size must be ≥ 1, got ${size}`);
    this.size = size;
    this.d = d;
    this.inputs = new Float32Array(size * d);
    this.labels = new Int32Array(size);
    this.clusters = new Int32Array(size);
  }

  /**
   * Fills the window with the first `size` samples of a copy of the training stream, then rewinds the
   * count: the window then holds the samples SGD is about to draw, in the order it will draw them.
   */
  prefill(draw: (out: Float32Array, offset: number) => { label: number; cluster: number }): void {
    const { d } = this;
    for (let n = 0; n < this.size; n++) {
      const { label, cluster } = draw(this.inputs, n * d);
      this.labels[n] = label;
      this.clusters[n] = cluster;
    }
    this.drawn = 0;
  }

  /** Records one sample SGD drew (row `row` of `inputs`, d wide). */
  record(inputs: Float32Array, row: number, label: number, cluster: number): void {
    const { d } = this;
    const slot = this.drawn % this.size;
    this.inputs.set(inputs.subarray(row * d, (row + 1) * d), slot * d);
    this.labels[slot] = label;
    this.clusters[slot] = cluster;
    this.drawn++;
  }

  /** samples recorded so far */
  get count(): number {
    return this.drawn;
  }

  /**
   * The window's samples in draw order, oldest first: samples max(0, n − size) … max(n, size) − 1 of
   * the stream, n = the count drawn (a copy; the ring goes on).
   */
  samples(): Samples {
    const { size, d } = this;
    const start = this.drawn < size ? 0 : this.drawn % size;
    const inputs = new Float32Array(size * d);
    const labels = new Int32Array(size);
    const clusters = new Int32Array(size);
    for (let n = 0; n < size; n++) {
      const slot = (start + n) % size;
      inputs.set(this.inputs.subarray(slot * d, (slot + 1) * d), n * d);
      labels[n] = this.labels[slot];
      clusters[n] = this.clusters[slot];
    }
    return { inputs, labels, clusters, n: size };
  }

  save(): RecentWindowState {
    return {
      size: this.size,
      d: this.d,
      inputs: Float32Array.from(this.inputs),
      labels: Int32Array.from(this.labels),
      clusters: Int32Array.from(this.clusters),
      drawn: this.drawn,
    };
  }

  restore(state: RecentWindowState): void {
    if (state.size !== this.size || state.d !== this.d) throw new Error('recent window of another size');
    this.inputs.set(state.inputs);
    this.labels.set(state.labels);
    this.clusters.set(state.clusters);
    this.drawn = state.drawn;
  }
}
