// Backend choice in the browser Worker. `auto`: every backend that starts is timed on one
// representative operator apply of the run's size (Ŷ·U then Ŷᵀ·W: the two matmuls every block
// apply makes, docs/MATH.md §4) and the fastest is used. Failures to start are reported, never fatal.
// The probe must stay cheap beside the run it serves (measured on this CPU-only machine before these
// limits: ≈ 11 s of probing before the first checkpoint of a d 1000, M 2000 run — four applies each
// of tfjs-cpu at 1.9 s and software WebGL at 0.4 s — and 16× that at d 4000, M 8000). So: wasm is
// timed first, as the yardstick; a backend whose first timed apply is over twice the best so far is
// not timed again; once wasm (SIMD) runs, neither tfjs-cpu (plain JS loops) nor a GPU backend naming a
// software rasteriser (SwiftShader, llvmpipe: shaders on the CPU) is timed, as neither is ever the
// faster; and the probe apply is capped at PROBE_FLOPS (a quarter of the bench's reference-run apply) by using fewer
// rows of Ŷ (d and the vector count, the shapes a GPU tiles, are kept).
// Only wasm is in the Worker's script; the others are fetched on first start (configureTf.ts loadBackend;
// WebGPU's only where the browser offers an adapter, loadWebgpu), so a probe that skips a backend never
// downloads it: WebGL's renderer (from a context of its own) and WebGPU's adapter are read before their
// backends are loaded.
import * as tf from '@tensorflow/tfjs-core';
import { tryBackend } from '../engine/tfBackend';
import { configureTfOnce, loadBackend } from './configureTf';
import { clearlySlower, isSoftwareRenderer, probeSize, type OperatorSize } from './probe';
import type { BackendReport } from './protocol';

export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** the order `auto` times them in: wasm first, the yardstick the others are cut off against */
const PROBE_ORDER = ['wasm', 'webgpu', 'webgl', 'cpu'] as const;

interface AdapterInfoish {
  vendor?: string;
  architecture?: string;
}
interface GpuAdapterish {
  info?: AdapterInfoish;
  requestAdapterInfo?(): Promise<AdapterInfoish>;
}
interface GpuNavigator {
  gpu?: { requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterish | null> };
}

/** "vendor architecture" of a WebGPU adapter, as rendererOf reads it from tfjs's backend; undefined where unknown */
function describeAdapter(info: AdapterInfoish | undefined): string | undefined {
  return info ? `${info.vendor ?? ''} ${info.architecture ?? ''}`.trim() || undefined : undefined;
}

let adapterAsk: Promise<{ error: string } | { description: string | undefined }> | undefined;
/**
 * The browser's WebGPU adapter, asked for as tfjs asks by default (high-performance): its description,
 * or why there is none (a browser can expose `navigator.gpu` with no adapter behind it).
 */
function webgpuAdapter(): Promise<{ error: string } | { description: string | undefined }> {
  adapterAsk ??= (async () => {
    const gpu = (navigator as GpuNavigator).gpu;
    if (!gpu) return { error: 'this browser has no WebGPU (navigator.gpu)' };
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter) return { error: 'no WebGPU adapter here (navigator.gpu.requestAdapter() gave none)' };
    // where tfjs's backend reads it from (adapter.info; older browsers: requestAdapterInfo())
    const info = 'info' in adapter ? adapter.info : await adapter.requestAdapterInfo?.().catch(() => undefined);
    return { description: describeAdapter(info) };
  })();
  return adapterAsk;
}

let webgpuLoad: Promise<string | undefined> | undefined;
/**
 * Loads tfjs's WebGPU backend only where the browser offers a WebGPU adapter (elsewhere the backend
 * would not start); the reason where it is not loaded.
 */
function loadWebgpu(): Promise<string | undefined> {
  webgpuLoad ??= (async () => {
    const adapter = await webgpuAdapter();
    if ('error' in adapter) return adapter.error;
    try {
      await import('@tensorflow/tfjs-backend-webgpu');
      return undefined;
    } catch (err) {
      return `its module did not load: ${err instanceof Error ? err.message : String(err)}`;
    }
  })();
  return webgpuLoad;
}

/** tryBackend, after loading the backend's package where it is loaded on demand */
async function startBackend(name: string): Promise<{ ok: true } | { ok: false; error: string }> {
  configureTfOnce();
  const loadError = name === 'webgpu' ? await loadWebgpu() : await loadBackend(name);
  if (loadError) return { ok: false, error: loadError };
  return tryBackend(name);
}

/** the attributes tfjs's WebGL backend asks its context for (a software rasteriser may be refused with them) */
const TFJS_WEBGL_ATTRIBUTES: WebGLContextAttributes = {
  alpha: false,
  antialias: false,
  premultipliedAlpha: false,
  preserveDrawingBuffer: false,
  depth: false,
  stencil: false,
  failIfMajorPerformanceCaveat: true,
};

/**
 * The renderer a WebGL2 context in this Worker reports, read as tfjs's backend would get it (an
 * OffscreenCanvas, its attributes), without loading the backend; undefined where unknown. Never throws.
 */
function webglRenderer(): string | undefined {
  try {
    if (typeof OffscreenCanvas === 'undefined') return undefined;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2', TFJS_WEBGL_ATTRIBUTES);
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : undefined;
    gl.getExtension('WEBGL_lose_context')?.loseContext(); // let go of it now, not at garbage collection
    return renderer;
  } catch {
    return undefined;
  }
}

/**
 * One representative apply, timed with `await data()` (never dataSync: it breaks webgpu): the best of
 * three after a warm-up, or the first timed one alone when it is clearly slower than `best`.
 */
async function timeApply({ M, d, n }: OperatorSize, best = Infinity): Promise<number> {
  const Y = tf.randomNormal([M, d], 0, 1, 'float32', 1) as tf.Tensor2D;
  const Yt = tf.transpose(Y) as tf.Tensor2D;
  const U = tf.randomNormal([d, n], 0, 1, 'float32', 2) as tf.Tensor2D;
  const once = async () => {
    const out = tf.tidy(() => tf.matMul(Yt, tf.mul(tf.matMul(Y, U), 0.5)));
    await out.data();
    out.dispose();
  };
  try {
    await once(); // warm-up: shader compilation, wasm page growth
    let fastest = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await once();
      fastest = Math.min(fastest, performance.now() - t0);
      if (clearlySlower(fastest, best)) break; // one timing says so
    }
    return fastest;
  } finally {
    Y.dispose();
    Yt.dispose();
    U.dispose();
  }
}

const cache = new Map<string, BackendReport>();

/**
 * Starts the requested backend (or the fastest, for auto) and makes it active. Backends in `lost`
 * (lost earlier in this Worker: tfjs cannot rebuild them) are never chosen again.
 */
export type { OperatorSize } from './probe';

/**
 * What renders for the active GPU backend: WebGL's unmasked renderer string, WebGPU's adapter vendor and
 * architecture (tfjs keeps them, unexported). Undefined where unknown; never throws.
 */
function rendererOf(name: string): string | undefined {
  try {
    const backend = tf.backend() as unknown as {
      gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
      adapterInfo?: { vendor?: string; architecture?: string };
    };
    if (name === 'webgl') {
      const gl = backend.gpgpu?.gl;
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : undefined;
    }
    if (name === 'webgpu') {
      return describeAdapter(backend.adapterInfo);
    }
  } catch {
    /* unknown renderer: time it */
  }
  return undefined;
}

export async function chooseBackend(
  requested: string,
  size: OperatorSize,
  log: (message: string) => void,
  lost: ReadonlySet<string> = new Set(),
): Promise<BackendReport> {
  const key = `${requested}:${size.M}x${size.d}x${size.n}`;
  const cached = cache.get(key);
  if (cached && !lost.has(cached.name) && (await startBackend(cached.name)).ok) return cached;

  const failures: { name: string; error: string }[] = [];
  const timings: { name: string; ms: number }[] = [];
  if (requested !== 'auto' && lost.has(requested)) {
    failures.push({ name: requested, error: 'lost earlier in this Worker' });
    log(`backend ${requested} was lost earlier in this Worker; choosing automatically`);
  } else if (requested !== 'auto') {
    const started = await startBackend(requested);
    if (started.ok) {
      const report = { name: requested, reason: `${requested} — requested in the URL`, timings, failures };
      cache.set(key, report);
      return report;
    }
    failures.push({ name: requested, error: started.error });
    log(`backend ${requested} failed to start: ${started.error}; choosing automatically`);
  }
  const skipped: { name: string; why: string }[] = [];
  const probe = probeSize(size);
  for (const name of PROBE_ORDER) {
    if (name === requested || lost.has(name)) continue;
    if (name === 'cpu' && timings.some((t) => t.name === 'wasm')) {
      skipped.push({ name, why: 'wasm runs here, and tfjs-cpu (plain JS) is never faster than it' });
      continue;
    }
    if ((name === 'webgl' || name === 'webgpu') && timings.some((t) => t.name === 'wasm')) {
      // the same test as below, before the backend's package is fetched for nothing
      const renderer =
        name === 'webgl'
          ? webglRenderer()
          : await webgpuAdapter().then((a) => ('description' in a ? a.description : undefined));
      if (isSoftwareRenderer(renderer)) {
        skipped.push({ name, why: `a software renderer (${renderer}) is never faster than wasm` });
        continue;
      }
    }
    const started = await startBackend(name);
    if (!started.ok) {
      failures.push({ name, error: started.error });
      log(`backend ${name} did not start: ${started.error}`);
      continue;
    }
    const renderer = rendererOf(name);
    if (isSoftwareRenderer(renderer) && timings.some((t) => t.name === 'wasm')) {
      skipped.push({ name, why: `a software renderer (${renderer}) is never faster than wasm` });
      continue;
    }
    try {
      timings.push({ name, ms: await timeApply(probe, Math.min(Infinity, ...timings.map((t) => t.ms))) });
    } catch (err) {
      failures.push({ name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (timings.length === 0)
    throw new Error(`no tfjs backend starts: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
  timings.sort((a, b) => a.ms - b.ms);
  const best = timings[0].name;
  const started = await startBackend(best);
  if (!started.ok) throw new Error(`backend ${best} stopped working: ${started.error}`);
  const notTimed = skipped.length ? ` (${skipped.map((sk) => sk.name).join(', ')} not timed)` : '';
  const fastest = `fastest of ${timings.length} timed here${notTimed}`;
  const why = requested === 'auto' ? fastest : `${requested} failed; ${fastest}`;
  const report = { name: best, reason: `${best} — ${why}`, timings, failures, ...(skipped.length ? { skipped } : {}) };
  cache.set(key, report);
  return report;
}

/** After a loss: the first backend (webgpu, webgl, wasm, cpu order) that starts and is not lost; no timing. */
export async function nextBackend(
  lost: ReadonlySet<string>,
  why: string,
  log: (message: string) => void,
): Promise<BackendReport> {
  const failures: { name: string; error: string }[] = [...lost].map((name) => ({ name, error: 'lost' }));
  for (const name of BROWSER_BACKENDS) {
    if (lost.has(name)) continue;
    const started = await startBackend(name);
    if (started.ok) return { name, reason: `${name} — ${why}`, timings: [], failures };
    failures.push({ name, error: started.error });
    log(`backend ${name} did not start: ${started.error}`);
  }
  throw new Error(`no tfjs backend starts after the loss: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
}
