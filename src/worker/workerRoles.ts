// The one Worker script (app.worker.ts) serves three roles, told apart by the Worker's name: the
// engine, the ensemble runner, and the engine's solve-share helper (named after its backend).
export const ENGINE_WORKER_NAME = 'eigenalign-engine';
export const ENSEMBLE_WORKER_NAME = 'eigenalign-ensemble';
const SHARE_PREFIX = 'share:';

export const shareWorkerName = (backend: string): string => `${SHARE_PREFIX}${backend}`;
/** the backend a share Worker runs, from its name; undefined for the other roles */
export const shareWorkerBackend = (name: string): string | undefined =>
  name.startsWith(SHARE_PREFIX) ? name.slice(SHARE_PREFIX.length) : undefined;

export type WorkerRole = 'engine' | 'ensemble' | 'share';
export function workerRole(name: string): WorkerRole {
  if (shareWorkerBackend(name) !== undefined) return 'share';
  return name === ENSEMBLE_WORKER_NAME ? 'ensemble' : 'engine';
}
