import { describe, expect, it } from 'vitest';
import {
  ENGINE_WORKER_NAME,
  ENSEMBLE_WORKER_NAME,
  shareWorkerBackend,
  shareWorkerName,
  workerRole,
} from './workerRoles';

describe('worker roles', () => {
  it('tells the three roles of the one Worker script apart by name', () => {
    expect(workerRole(ENGINE_WORKER_NAME)).toBe('engine');
    expect(workerRole(ENSEMBLE_WORKER_NAME)).toBe('ensemble');
    expect(workerRole(shareWorkerName('wasm'))).toBe('share');
    expect(workerRole('')).toBe('engine');
  });

  it('a share Worker reads its backend back from its name', () => {
    expect(shareWorkerBackend(shareWorkerName('cpu'))).toBe('cpu');
    expect(shareWorkerBackend(ENGINE_WORKER_NAME)).toBeUndefined();
  });
});
