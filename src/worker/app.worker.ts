// The app's one Worker script. The engine, the ensemble runner and the share helper all start it (their
// role is in the Worker's name, workerRoles.ts), so the browser fetches tfjs and the engine once for
// all three; each role's own module (and WebGPU's backend, backends.ts) loads on demand.
import { workerRole } from './workerRoles';

declare const self: DedicatedWorkerGlobalScope;

// Messages that arrive while the role's module loads wait here, then go to its handlers in order.
const early: MessageEvent[] = [];
const hold = (event: MessageEvent) => {
  early.push(event);
  event.stopImmediatePropagation();
};
self.addEventListener('message', hold);

const role = workerRole(self.name);
const roleModule =
  role === 'share'
    ? import('./share.worker')
    : role === 'ensemble'
      ? import('./ensemble.worker')
      : import('./engine.worker');
roleModule.then(
  () => {
    self.removeEventListener('message', hold);
    for (const event of early.splice(0))
      self.dispatchEvent(new MessageEvent('message', { data: event.data, ports: [...event.ports] }));
  },
  (err: unknown) => {
    // thrown outside the promise, so that the page's Worker gets an `error` event as for a script that fails to load
    setTimeout(() => {
      throw err;
    });
  },
);
