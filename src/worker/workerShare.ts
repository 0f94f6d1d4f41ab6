// The engine Worker's share host: a nested Worker on the same backend. By default it runs this Worker's
// own script (app.worker.ts, which serves every role), so its code is already in the browser's cache;
// a page (the browser bench) passes its own way to start app.worker.ts.
import { PortShareHost, type ShareFromThread } from '../engine/shareHost';
import { shareWorkerName } from './workerRoles';

const thisWorkersScript = (name: string) => new Worker(self.location.href, { type: 'module', name });

export function workerShareHost(
  backend: string,
  startWorker: (name: string) => Worker = thisWorkersScript,
): PortShareHost {
  const worker = startWorker(shareWorkerName(backend));
  return new PortShareHost({
    post: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (event: MessageEvent<ShareFromThread>) => onMessage(event.data));
      worker.addEventListener('error', (event) => onFailure(event.message || 'the share Worker failed to load'));
    },
    terminate: () => worker.terminate(),
  });
}
