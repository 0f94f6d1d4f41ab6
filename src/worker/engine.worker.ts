// The engine Worker: an EngineSession (engineSession.ts) wired to this Worker's messages, the
// browser's backends (backends.ts, backendLoss.ts) and a nested share Worker.
import { tryBackend } from '../engine/tfBackend';
import { chooseBackend, nextBackend } from './backends';
import { forceBackendLoss, watchBackend } from './backendLoss';
import { EngineSession, versioned } from './engineSession';
import { workerShareHost } from './workerShare';

declare const self: DedicatedWorkerGlobalScope;

// Yields through a MessageChannel: no 4 ms setTimeout clamp between SGD slices.
const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();

const session = new EngineSession({
  post: (frame, transfer = []) => self.postMessage(versioned(frame), transfer),
  clock: {
    now: () => performance.now(),
    sleep: (ms) =>
      ms > 0
        ? new Promise((r) => setTimeout(r, ms))
        : new Promise((r) => {
            yieldWaiters.push(r);
            yieldChannel.port2.postMessage(0);
          }),
  },
  backends: {
    choose: chooseBackend,
    next: nextBackend,
    probe: tryBackend,
    watch: watchBackend,
    forceLoss: forceBackendLoss,
  },
  cores: navigator.hardwareConcurrency ?? 1,
  shareHost: workerShareHost,
  crash: () =>
    setTimeout(() => {
      throw new Error('debug: forced crash of the engine worker');
    }),
});

self.onmessage = (event: MessageEvent) => session.receive(event.data);
