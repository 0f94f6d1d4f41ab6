// A solve-share Worker, started by the engine Worker: half of every checkpoint's eigensolves on a
// second core (engine/share.ts). It runs the engine Worker's backend, named in its Worker name.
import { serveShares, type ShareToThread } from '../engine/shareHost';
import { startNamedBackend } from './configureTf';
import { shareWorkerBackend } from './workerRoles';

const backend = shareWorkerBackend(self.name) ?? '';
serveShares(
  {
    post: (message, transfer) => self.postMessage(message, { transfer }),
    listen: (onMessage) =>
      self.addEventListener('message', (event: MessageEvent<ShareToThread>) => onMessage(event.data)),
  },
  () => startNamedBackend(backend),
);
