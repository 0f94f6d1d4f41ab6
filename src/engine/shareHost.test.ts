// The share protocol over an in-memory channel (structured clones, asynchronous delivery, like a
// Worker's): results round-trip exactly; a thread that fails to start, dies, or is closed makes every
// pending and later request reject with the reason, so the run takes its half back.
import { describe, expect, it } from 'vitest';
import { useBackend } from '../testing/backends';
import { defaultConfig, type Config } from '../state/schema';
import { driveRun } from './execute';
import { Run } from './run';
import { PortShareHost, serveShares, type ShareFromThread, type ShareToThread } from './shareHost';

const small: Config = { ...defaultConfig(), d: 60, k: 3, M: 150, T: 2, every: 60, lambda: 30, topj: 3 };

/** a host and a server joined by a fake port; `kill` simulates the thread dying */
function channel(start: () => Promise<void>) {
  let toServer: (m: ShareToThread) => void = () => undefined;
  let toHost: (m: ShareFromThread) => void = () => undefined;
  let onFailure: (why: string) => void = () => undefined;
  let terminated = 0;
  serveShares({ post: (m) => setTimeout(() => toHost(structuredClone(m))), listen: (f) => (toServer = f) }, start);
  const host = new PortShareHost({
    post: (m) => setTimeout(() => toServer(structuredClone(m))),
    listen: (message, failure) => {
      toHost = message;
      onFailure = failure;
    },
    terminate: () => terminated++,
  });
  return { host, kill: (why: string) => onFailure(why), terminated: () => terminated };
}

async function checkpoints(config: Config, host?: PortShareHost, failures: string[] = []) {
  const run = await Run.create(config);
  if (host) run.useShare(host.open(config), (m) => failures.push(m));
  await driveRun(run);
  const out = JSON.parse(JSON.stringify(run.checkpoints));
  run.dispose();
  return out;
}

describe('the share protocol', () => {
  it('round-trips every solve exactly (a run through it equals a run without it)', async () => {
    await useBackend('wasm');
    const plain = await checkpoints(small);
    const { host } = channel(() => useBackend('wasm'));
    const failures: string[] = [];
    expect(await checkpoints(small, host, failures)).toEqual(plain);
    expect(failures).toEqual([]);
    expect(host.failed).toBeUndefined();
  });

  it('a thread whose backend does not start: the run solves everything itself and says why', async () => {
    await useBackend('wasm');
    const plain = await checkpoints(small);
    const { host } = channel(() => Promise.reject(new Error('backend webgpu did not start')));
    const failures: string[] = [];
    expect(await checkpoints(small, host, failures)).toEqual(plain);
    expect(failures).toEqual([
      'the solve share failed (the thread did not start: backend webgpu did not start); solving every block on this thread from now on',
    ]);
    expect(host.failed).toBe('the thread did not start: backend webgpu did not start');
  });

  it('a thread that dies or is closed rejects pending and later requests with the reason', async () => {
    await useBackend('wasm');
    const { host, kill, terminated } = channel(() => new Promise(() => undefined)); // never ready
    const share = host.open(small);
    const pending = share.solve({ tracked: [], problems: [], params: new Float32Array(0), seed: 1 });
    kill('the thread exited (code 1)');
    await expect(pending).rejects.toThrow('the thread exited (code 1)');
    await expect(share.solve({ tracked: [], problems: [], params: new Float32Array(0), seed: 1 })).rejects.toThrow(
      'the thread exited (code 1)',
    );
    host.close();
    expect(terminated()).toBe(1);
    expect(host.failed).toBe('the thread exited (code 1)');
  });
});
