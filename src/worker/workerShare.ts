// The engine Worker's share host: a nested Worker (share.worker.ts) on the same backend.
import { PortShareHost, type ShareFromThread } from '../engine/shareHost';

export function workerShareHost(backend: string): PortShareHost {
  const worker = new Worker(new URL('./share.worker.ts', import.meta.url), { type: 'module', name: `share:${backend}` });
  return new PortShareHost({
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (event: MessageEvent<ShareFromThread>) => onMessage(event.data));
      worker.addEventListener('error', (event) => onFailure(event.message || 'the share Worker failed to load'));
    },
    terminate: () => worker.terminate(),
  });
}
