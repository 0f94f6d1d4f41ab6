// The engine session on Node's backends: play, pause, step, views, a lost backend (the debug fault),
// a restart, and messages it does not know. Every frame it posts must pass the protocol's guard.
import { describe, expect, it } from 'vitest';
import { tryBackend } from '../engine/backend';
import { driveRun } from '../engine/execute';
import { Run } from '../engine/run';
import type { CheckpointRecord, RunFile } from '../engine/runFile';
import { defaultConfig, resolve, type Config } from '../state/schema';
import { NODE_BACKENDS, useBackend } from '../testing/backends';
import { forceBackendLoss, watchBackend } from './backendLoss';
import { EngineSession, versioned, type FrameBody, type SessionBackends, type SessionClock } from './engineSession';
import { frameProblem, PROTOCOL_VERSION, type Command, type Frame, type FrameOf, type ViewRequest } from './protocol';

type CommandBody = Command extends infer C ? (C extends Command ? Omit<C, 'v'> : never) : never;

/** small and quick: 7 checkpoints of 20 steps */
const quick: Config = { ...defaultConfig(), d: 40, k: 3, M: 80, T: 3, every: 20, lambda: 30, topj: 3, full: false };
/** far too long to finish while a test looks (pause, restart) */
const long: Config = { ...quick, T: 5000, every: 50_000 };
const view: ViewRequest = { matrix: 'H', block: 'class:0', plane: 'means', pa: 0, pb: 1 };

const realClock: SessionClock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** Node's backends: the requested one (auto: `preferred`), and after a loss the other of wasm and cpu. */
function nodeBackends(preferred: string): SessionBackends {
  const report = (name: string, reason: string) => ({ name, reason: `${name} — ${reason}`, timings: [], failures: [] });
  const firstThatStarts = async (names: string[], lost: ReadonlySet<string>, why: string) => {
    for (const name of names) if (!lost.has(name) && (await tryBackend(name)).ok) return report(name, why);
    throw new Error('no backend starts');
  };
  return {
    choose: (requested, _size, _log, lost) =>
      firstThatStarts([requested === 'auto' ? preferred : requested, ...NODE_BACKENDS], lost, 'requested'),
    next: (lost, why) => firstThatStarts([...NODE_BACKENDS], lost, why),
    probe: tryBackend,
    watch: watchBackend,
    forceLoss: forceBackendLoss,
  };
}

function harness(backend: string, clock: SessionClock = realClock) {
  const frames: Frame[] = [];
  const malformed: string[] = [];
  let crashes = 0;
  const session = new EngineSession({
    post: (body: FrameBody) => {
      const frame = versioned(body);
      const problem = frameProblem(frame);
      if (problem) malformed.push(problem);
      frames.push(frame);
    },
    clock,
    backends: nodeBackends(backend),
    cores: 1,
    crash: () => crashes++,
  });
  const send = (command: CommandBody) => session.receive({ v: PROTOCOL_VERSION, ...command });
  const of = <T extends Frame['type']>(type: T, runId?: number) =>
    frames.filter(
      (f): f is FrameOf<T> => f.type === type && (runId === undefined || (f as { runId?: number }).runId === runId),
    );
  const records = (runId = 1) => of('checkpoints', runId).flatMap((f) => f.records);
  const lastProgress = (runId = 1) => of('progress', runId).at(-1);
  const exported = async (): Promise<RunFile> => {
    const before = of('export').length;
    send({ type: 'export', includeData: true });
    await session.settled();
    const all = of('export');
    expect(all).toHaveLength(before + 1);
    return JSON.parse(all[all.length - 1].json) as RunFile;
  };
  const start = (config: Config, runId = 1, autoplay = false) =>
    send({
      type: 'start',
      runId,
      config: { ...config, backend: backend as Config['backend'] },
      view,
      speed: 1,
      autoplay,
    });
  return { session, frames, malformed, send, of, records, lastProgress, exported, start, crashes: () => crashes };
}

/** The same config driven by a Run alone (what the CLI writes): the numbers the session must give. */
async function direct(config: Config): Promise<RunFile> {
  const run = await Run.create(config);
  await driveRun(run);
  const file = JSON.parse(JSON.stringify(run.toRunFile({ backend: config.backend, includeData: true }))) as RunFile;
  run.dispose();
  return file;
}

const steps = (records: CheckpointRecord[]) => records.map((r) => r.step);
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe.each(NODE_BACKENDS)('EngineSession on %s', (backend) => {
  it('start: backend, started, the checkpoint at step 0 and its views; play runs to the end with the numbers of a plain Run', async () => {
    await useBackend(backend);
    const config = { ...quick, backend } as Config;
    const reference = await direct(config);
    const h = harness(backend);
    h.start(config);
    await h.session.settled();
    expect(h.of('backend')[0].report.name).toBe(backend);
    const started = h.of('started', 1)[0];
    expect(started.blocks.map((b) => b.id)).toEqual(['class:0', 'class:1', 'class:2']);
    expect(steps(h.records())).toEqual([0]);
    expect(h.lastProgress()?.state).toBe('paused');
    expect(h.of('projection', 1)).toHaveLength(1);
    expect(h.of('density', 1)).toHaveLength(1);
    expect(h.of('density', 1)[0]).toMatchObject({ matrix: 'H', block: 'class:0', step: 0 });

    h.send({ type: 'play' });
    await h.session.settled();
    expect(h.lastProgress()).toMatchObject({ state: 'done', step: resolve(config).steps });
    expect(json(h.records())).toEqual(reference.checkpoints);
    const file = await h.exported();
    expect(file.checkpoints).toEqual(reference.checkpoints);
    expect(file.data?.params).toEqual(reference.data?.params);
    // play on a finished run does nothing
    const count = h.frames.length;
    h.send({ type: 'play' });
    await h.session.settled();
    expect(h.frames).toHaveLength(count);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('step: one checkpoint interval, then paused; twice: two', async () => {
    await useBackend(backend);
    const h = harness(backend);
    h.start(quick);
    await h.session.settled();
    h.send({ type: 'step' });
    await h.session.settled();
    expect(steps(h.records())).toEqual([0, 20]);
    expect(h.lastProgress()).toMatchObject({ state: 'paused', step: 20 });
    h.send({ type: 'step' });
    await h.session.settled();
    expect(steps(h.records())).toEqual([0, 20, 40]);
    expect(h.lastProgress()).toMatchObject({ state: 'paused', step: 40 });
    // views follow a stepped run (paused: sent at once)
    expect(h.of('density', 1).at(-1)?.step).toBe(40);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('pause: the run stops where it is and stays; play goes on from there', async () => {
    await useBackend(backend);
    const h = harness(backend);
    h.start(long);
    await h.session.settled();
    h.send({ type: 'play' });
    h.send({ type: 'pause' });
    await h.session.settled();
    const paused = h.lastProgress()!;
    expect(paused.state).toBe('paused');
    expect(paused.step).toBeGreaterThan(0);
    expect(paused.step).toBeLessThan(resolve(long).steps);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.lastProgress()).toEqual(paused);
    h.send({ type: 'play' });
    await new Promise((r) => setTimeout(r, 30));
    h.send({ type: 'pause' });
    await h.session.settled();
    expect(h.lastProgress()!.state).toBe('paused');
    expect(h.lastProgress()!.step).toBeGreaterThan(paused.step);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('view: a paused run answers with that block’s density and the projection at once', async () => {
    await useBackend(backend);
    const h = harness(backend);
    h.start(quick);
    await h.session.settled();
    h.send({ type: 'view', view: { matrix: 'G', block: 'class:1', plane: 'eigen', pa: 0, pb: 1 } });
    await h.session.settled();
    expect(h.of('density', 1).at(-1)).toMatchObject({ matrix: 'G', block: 'class:1', step: 0, dim: quick.d });
    expect(h.of('projection', 1)).toHaveLength(2);
    expect(h.of('projection', 1)[1].axes[0]).toMatch(/G, class:1/);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('a playing run with no time passing sends its views and checkpoints once at the start and once at the end (throttled)', async () => {
    await useBackend(backend);
    const frozen: SessionClock = { now: () => 0, sleep: () => new Promise((r) => setImmediate(r)) };
    const h = harness(backend, frozen);
    h.start(quick, 1, true);
    await h.session.settled();
    expect(h.lastProgress()?.state).toBe('done');
    expect(h.of('projection', 1)).toHaveLength(2);
    expect(h.of('density', 1)).toHaveLength(2);
    expect(h.of('checkpoints', 1).map((f) => f.records.length)).toEqual([1, 6]);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('a lost backend (debug fault) while paused: switched, resumed at the last checkpoint, same SGD to the end', async () => {
    await useBackend(backend);
    const reference = await direct({ ...quick, backend } as Config);
    const h = harness(backend);
    h.start(quick);
    await h.session.settled();
    h.send({ type: 'step' });
    await h.session.settled();
    h.send({ type: 'debug', fault: 'lose-backend' });
    await h.session.settled();
    const other = NODE_BACKENDS.find((b) => b !== backend)!;
    expect(h.of('backend').at(-1)?.report.name).toBe(other);
    expect(h.of('notice', 1).map((n) => n.message)).toEqual([
      `the ${backend} backend was lost (simulated: debug); switched to ${other} and resumed from the checkpoint at step 20 (same parameters and samples)`,
    ]);
    expect(h.lastProgress()).toMatchObject({ state: 'paused', step: 20 });
    h.send({ type: 'play' });
    await h.session.settled();
    expect(h.lastProgress()?.state).toBe('done');
    // the checkpoints before the loss once each, then the rest measured on the other backend
    expect(steps(h.records())).toEqual(steps(reference.checkpoints));
    expect(json(h.records().slice(0, 2))).toEqual(reference.checkpoints.slice(0, 2));
    const file = await h.exported();
    expect(file.backend).toBe(other);
    // SGD is plain JS: the parameters at the end are exactly those of the run that was never lost
    expect(file.data?.params).toEqual(reference.data?.params);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
    await useBackend(backend);
  });

  it('a lost backend while playing: recovered in the loop from the last checkpoint, the run goes on to the end', async () => {
    await useBackend(backend);
    const config = { ...quick, T: 30, every: 200 } as Config; // 1200 steps, 7 checkpoints
    const reference = await direct({ ...config, backend } as Config);
    // the fault arrives between two SGD slices past the second checkpoint: the loop is running
    let lostAt: { step: number; recorded: number } | undefined;
    let onSlice = () => undefined as void;
    const clock: SessionClock = {
      now: () => performance.now(),
      sleep: (ms) => (onSlice(), new Promise((r) => setTimeout(r, ms))),
    };
    const h = harness(backend, clock);
    onSlice = () => {
      const progress = h.lastProgress();
      const recorded = h.records().at(-1)?.step ?? 0;
      if (lostAt || !progress || progress.state !== 'playing' || recorded < 200) return;
      lostAt = { step: progress.step, recorded };
      h.send({ type: 'debug', fault: 'lose-backend' });
    };
    h.start(config, 1, true);
    await h.session.settled();
    expect(lostAt).toBeDefined();
    const notices = h.of('notice', 1).map((n) => n.message);
    expect(notices).toHaveLength(1);
    // resumed at the last checkpoint measured before the loss (posted to the page or still batched)
    const resumedAt = Number(/resumed from the checkpoint at step ([\d,]+) /.exec(notices[0])?.[1].replace(/,/g, ''));
    expect(resumedAt % 200).toBe(0);
    expect(resumedAt).toBeGreaterThanOrEqual(lostAt!.recorded);
    expect(resumedAt).toBeLessThanOrEqual(lostAt!.step);
    expect(h.lastProgress()?.state).toBe('done');
    expect(steps(h.records())).toEqual(steps(reference.checkpoints));
    expect((await h.exported()).data?.params).toEqual(reference.data?.params);
    // the lost backend is never chosen again by this EngineSession: a new start runs on the other
    h.start(quick, 2);
    await h.session.settled();
    expect(h.of('started', 2)[0].backend).not.toBe(backend);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
    await useBackend(backend);
  });

  it('restart: a new start stops the playing run; nothing of the old run follows the new one’s first frame', async () => {
    await useBackend(backend);
    const h = harness(backend);
    h.start(long, 1, true);
    await new Promise((r) => setTimeout(r, 30));
    h.start(quick, 2, true);
    await h.session.settled();
    const firstOfNew = h.frames.findIndex((f) => f.type === 'started' && f.runId === 2);
    expect(firstOfNew).toBeGreaterThan(0);
    expect(h.frames.slice(firstOfNew).filter((f) => (f as { runId?: number }).runId === 1)).toEqual([]);
    expect(h.lastProgress(2)).toMatchObject({ state: 'done', step: resolve(quick).steps });
    expect(h.lastProgress(1)?.step).toBeLessThan(resolve(long).steps);
    expect(steps(h.records(2))).toEqual([0, 20, 40, 60, 80, 100, 120]);
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });
});

describe('EngineSession and messages it does not know', () => {
  it('answers each with an error frame, and keeps working', async () => {
    await useBackend('wasm');
    const h = harness('wasm');
    const bad: unknown[] = [
      { v: PROTOCOL_VERSION, type: 'frobnicate' },
      { v: PROTOCOL_VERSION, type: 'speed', speed: 'fast' },
      { v: PROTOCOL_VERSION, type: 'view', view: { matrix: 'X', block: 'class:0', plane: 'means', pa: 0, pb: 1 } },
      { v: PROTOCOL_VERSION, type: 'start', runId: 1, config: { ...quick, d: '40' }, view, speed: 1, autoplay: false },
      { v: PROTOCOL_VERSION + 1, type: 'play' },
      { type: 'play' },
      null,
      'play',
    ];
    for (const message of bad) h.session.receive(message);
    await h.session.settled();
    expect(h.of('error').map((f) => f.message)).toEqual([
      "the engine rejected a message: unknown command 'frobnicate'",
      "the engine rejected a message: command 'speed': speed must be a finite number",
      "the engine rejected a message: command 'view': view.matrix must be one of H, G",
      "the engine rejected a message: command 'start': config.d must be an integer",
      'the engine rejected a message: protocol v1 expected, got v2',
      'the engine rejected a message: protocol v1 expected, got no version',
      'the engine rejected a message: a command must be an object',
      'the engine rejected a message: a command must be an object',
    ]);
    expect(h.of('started')).toEqual([]);
    h.send({ type: 'ping', id: 7 });
    expect(h.of('pong')).toEqual([{ v: PROTOCOL_VERSION, type: 'pong', id: 7 }]);
    h.start(quick);
    await h.session.settled();
    expect(h.lastProgress()?.state).toBe('paused');
    expect(h.malformed).toEqual([]);
    await h.session.dispose();
  });

  it('the crash fault is handed to the wiring (the Worker throws outside the session)', async () => {
    const h = harness('wasm');
    h.send({ type: 'debug', fault: 'crash' });
    expect(h.crashes()).toBe(1);
    await h.session.dispose();
  });
});
