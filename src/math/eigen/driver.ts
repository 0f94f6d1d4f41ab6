// The batched loop shared by every solver: each problem is a small state machine that asks for the
// rows it wants multiplied next; one operator call serves all of them, problems that are done send
// nothing (count 0), and the loop ends when no problem asks for anything.
import type { BatchApply } from './types';

export interface BatchedWorker {
  readonly dim: number;
  /** rows (n·dim) to multiply in the next call, or null when this problem is finished */
  request(): Float64Array | null;
  /** the products of the rows last requested, same layout */
  receive(products: Float64Array): void;
}

const EMPTY = new Float64Array(0);

export async function drive(workers: BatchedWorker[], apply: BatchApply): Promise<number> {
  let calls = 0;
  for (;;) {
    const requests = workers.map((w) => w.request());
    if (requests.every((r) => r === null || r.length === 0)) return calls;
    const inputs = requests.map((r) => r ?? EMPTY);
    const counts = requests.map((r, i) => (r ? r.length / workers[i].dim : 0));
    const outputs = await apply(inputs, counts);
    calls++;
    for (let i = 0; i < workers.length; i++) {
      if (counts[i] === 0) continue;
      const out = outputs[i];
      if (!out || out.length < counts[i] * workers[i].dim)
        throw new Error(
          `eigen: operator returned ${out?.length ?? 0} numbers for problem ${i}, expected ${counts[i] * workers[i].dim}`,
        );
      workers[i].receive(out.length === counts[i] * workers[i].dim ? out : out.subarray(0, counts[i] * workers[i].dim));
    }
  }
}

/** Wraps a single-problem matrix–vector function as a BatchApply (for Lanczos/SLQ on one block). */
export function singleProblemApply(
  applyOne: (v: Float64Array) => Float64Array | Promise<Float64Array>,
  dim: number,
): BatchApply {
  return async (inputs, counts) => {
    const n = counts[0];
    const out = new Float64Array(n * dim);
    for (let v = 0; v < n; v++) out.set(await applyOne(inputs[0].subarray(v * dim, (v + 1) * dim)), v * dim);
    return [out];
  };
}
