import { describe, expect, it } from 'vitest';
import { clearlySlower, isSoftwareRenderer, PROBE_FLOPS, PROBE_MIN_ROWS, probeSize } from './probe';

describe('backend probe', () => {
  it('keeps small runs as they are and caps large ones by rows of Ŷ alone', () => {
    expect(probeSize({ M: 600, d: 300, n: 40 })).toEqual({ M: 600, d: 300, n: 40 });
    expect(probeSize({ M: 500, d: 1000, n: 200 })).toEqual({ M: 500, d: 1000, n: 200 }); // exactly the cap
    expect(probeSize({ M: 2000, d: 1000, n: 200 })).toEqual({ M: 500, d: 1000, n: 200 });
    const big = probeSize({ M: 8000, d: 4000, n: 200 });
    expect(big.d).toBe(4000);
    expect(big.n).toBe(200);
    expect(big.M).toBe(125);
    expect(4 * big.M * big.d * big.n).toBeLessThanOrEqual(PROBE_FLOPS);
    // never below the floor, never above the run's own M
    expect(probeSize({ M: 100000, d: 100000, n: 400 }).M).toBe(PROBE_MIN_ROWS);
    expect(probeSize({ M: 10, d: 1e6, n: 1000 }).M).toBe(10);
  });
  it('cuts a backend off after one timing only when it is over twice the best', () => {
    expect(clearlySlower(130, 63)).toBe(true);
    expect(clearlySlower(120, 63)).toBe(false);
    expect(clearlySlower(1e9, Infinity)).toBe(false); // the first backend timed is always timed fully
  });
});

describe('software renderers', () => {
  it('names the CPU rasterisers, not real GPUs', () => {
    for (const soft of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)',
      'google swiftshader',
      'Microsoft Basic Render Driver',
    ])
      expect(isSoftwareRenderer(soft), soft).toBe(true);
    for (const gpu of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'Apple M2',
      'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
      'nvidia hopper',
      '',
      undefined,
    ])
      expect(isSoftwareRenderer(gpu), String(gpu)).toBe(false);
  });
});
