// A flat row-major array as number rows (the run file's matrices).
export function rows(flat: ArrayLike<number>, width: number): number[][] {
  return Array.from({ length: flat.length / width }, (_, r) =>
    Array.from(Array.prototype.slice.call(flat, r * width, (r + 1) * width) as number[]),
  );
}
