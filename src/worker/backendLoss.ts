// Losing a GPU backend mid-run: a WebGL context can be lost (driver reset, too many contexts, the GPU
// process restarting) and a WebGPU device can be lost or destroyed. tfjs does not recover from either.
// The Worker watches the active backend here and, on a loss, switches to the next backend that starts
// and resumes the run from its last checkpoint (engineSession.ts `recover`).
import * as tf from '@tensorflow/tfjs-core';

export class BackendLostError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BackendLostError';
  }
}

interface WebGLish {
  // The parts of tfjs-webgl's context this file uses (a worker has no HTMLCanvasElement type).
  gpgpu?: { gl?: { canvas?: EventTarget; getExtension(name: 'WEBGL_lose_context'): { loseContext(): void } | null } };
}
interface WebGPUish {
  device?: { lost?: Promise<{ message?: string; reason?: string }>; destroy?: () => void };
}

/** Calls `onLost(reason)` once if the backend `name` (the active one) is lost; returns the unwatch. */
export function watchBackend(name: string, onLost: (reason: string) => void): () => void {
  let active = true;
  const fire = (reason: string) => {
    if (!active) return;
    active = false;
    onLost(reason);
  };
  const backend = tf.findBackend(name) as unknown;
  if (name === 'webgl') {
    const canvas = (backend as WebGLish)?.gpgpu?.gl?.canvas;
    const listener = () => fire('the WebGL context was lost');
    canvas?.addEventListener('webglcontextlost', listener);
    return () => {
      active = false;
      canvas?.removeEventListener('webglcontextlost', listener);
    };
  }
  if (name === 'webgpu') {
    (backend as WebGPUish)?.device?.lost?.then(
      (info) =>
        fire(
          `the WebGPU device was lost${info?.reason ? ` (${info.reason})` : ''}${info?.message ? `: ${info.message}` : ''}`,
        ),
      () => undefined,
    );
  }
  return () => {
    active = false;
  };
}

/**
 * Debug/test hook: really loses the active GPU backend (WEBGL_lose_context, GPUDevice.destroy).
 * wasm and cpu cannot be lost; for them it returns false and the caller simulates the loss.
 */
export function forceBackendLoss(name: string): boolean {
  const backend = tf.findBackend(name) as unknown;
  if (name === 'webgl') {
    const ext = (backend as WebGLish)?.gpgpu?.gl?.getExtension('WEBGL_lose_context');
    if (ext) {
      ext.loseContext();
      return true;
    }
  }
  if (name === 'webgpu') {
    const device = (backend as WebGPUish)?.device;
    if (device?.destroy) {
      device.destroy();
      return true;
    }
  }
  return false;
}

/**
 * Races `work` against a loss: rejects with BackendLostError as soon as `lostNow()` is set and the
 * loss is signalled, so a measurement stuck on a dead GPU never blocks the Worker.
 */
export function lossGuard(): {
  guard<T>(work: Promise<T>): Promise<T>;
  signal(reason: string): void;
  reset(): void;
  readonly reason: string | undefined;
} {
  let reason: string | undefined;
  const waiters = new Set<(reason: string) => void>();
  return {
    get reason() {
      return reason;
    },
    signal(why: string) {
      if (reason !== undefined) return;
      reason = why;
      for (const w of [...waiters]) w(why);
      waiters.clear();
    },
    reset() {
      reason = undefined;
      waiters.clear();
    },
    guard<T>(work: Promise<T>): Promise<T> {
      if (reason !== undefined) {
        work.catch(() => undefined);
        return Promise.reject(new BackendLostError(reason));
      }
      return new Promise<T>((resolve, reject) => {
        const waiter = (why: string) => reject(new BackendLostError(why));
        waiters.add(waiter);
        work.then(
          (value) => {
            waiters.delete(waiter);
            resolve(value);
          },
          (err) => {
            waiters.delete(waiter);
            reject(err);
          },
        );
      });
    },
  };
}
