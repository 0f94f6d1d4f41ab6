// Equal units on both axes: the domains widened (about their centres) until one data unit is the
// same number of pixels along x and along y, so the box is filled and angles are true.
export function equalUnitDomains(
  x: [number, number],
  y: [number, number],
  width: number,
  height: number,
): { x: [number, number]; y: [number, number] } {
  const perPx = Math.max((x[1] - x[0]) / width, (y[1] - y[0]) / height);
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  return {
    x: [cx - (perPx * width) / 2, cx + (perPx * width) / 2],
    y: [cy - (perPx * height) / 2, cy + (perPx * height) / 2],
  };
}
