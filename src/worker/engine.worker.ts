// The engine Worker: receives commands, drives a Run, posts frames. SGD between checkpoints runs in
// slices of at most SLICE_MS, then yields, so pause/step/view commands are answered promptly.
import { Run } from '../engine/run';
import { modelInfo } from '../models/registry';
import type { CheckpointRecord } from '../engine/runFile';
import { resolve } from '../state/schema';
import { tryBackend } from '../engine/backend';
import { chooseBackend, nextBackend } from './backends';
import { BackendLostError, forceBackendLoss, lossGuard, watchBackend } from './backendLoss';
import { PROTOCOL_VERSION, isCommand, type BackendReport, type Command, type Frame, type RunState, type ViewRequest } from './protocol';
import { computeDensity, computeProjection } from './views';
import { shareWorthwhile } from '../engine/share';
import type { PortShareHost } from '../engine/shareHost';
import { workerShareHost } from './workerShare';

declare const self: DedicatedWorkerGlobalScope;

const SLICE_MS = 8;
/** frames (progress, batched checkpoints) at most every this many ms (~30/s) */
const FRAME_MS = 33;
/** the density/projection of a playing run is refreshed at most this often */
const VIEW_MS = 400;
/**
 * …and at most once per this many times the last refresh's own cost: the density's stochastic Lanczos
 * (48 operator calls) costs ≈ 150 ms at d 1000, M 2000, and refreshing it after every checkpoint took a
 * quarter of a playing run's time there; small runs (views of a few ms) keep VIEW_MS.
 */
const VIEW_COST_FACTOR = 5;

type Body = Frame extends infer F ? (F extends Frame ? Omit<F, 'v'> : never) : never;

function post(frame: Body, transfer: Transferable[] = []): void {
  self.postMessage({ v: PROTOCOL_VERSION, ...frame } as Frame, transfer);
}

let run: Run | undefined;
/** the share Worker (half of every checkpoint's solves on a second core) and the backend it runs */
let shares: { host: PortShareHost; backend: string } | undefined;

/**
 * Hands half of the run's solves to a share Worker where that pays (shareWorthwhile: 2+ cores, wasm or
 * cpu, big checkpoints). Same numbers either way; a share that fails is dropped with a log line.
 */
function attachShare(r: Run, report: BackendReport): void {
  if (!shareWorthwhile(r.config, r.resolved.M, backendName, navigator.hardwareConcurrency ?? 1)) return;
  if (shares && shares.backend !== backendName) {
    shares.host.close();
    shares = undefined;
  }
  if (shares?.host.failed) return; // it failed in this session once: stay on one thread
  shares ??= { host: workerShareHost(backendName), backend: backendName };
  r.useShare(shares.host.open(r.config), (m) => {
    post({ type: 'log', level: 'warn', message: m });
    post({ type: 'backend', report });
  });
  // say so beside the backend: both cores are busy on purpose
  post({ type: 'backend', report: { ...report, reason: `${report.reason} · eigensolves on 2 threads` } });
}
let runId = 0;
let backendName = '';
let state: RunState = 'paused';
let speed = 1;
let view: ViewRequest = { matrix: 'H', block: 'class:0', plane: 'means', pa: 0, pb: 1 };
/** pause after the next checkpoint (the "step" button) */
let stopAtCheckpoint = false;
let loopToken = 0;
let loop: Promise<void> = Promise.resolve();
let pendingRecords: CheckpointRecord[] = [];
let lastFrame = 0;
let lastView = -Infinity;
/** how long the last sendViews took (ms) */
let lastViewCost = 0;

/** a playing run's views are due: VIEW_MS since the last, and views at most ~1/6 of the time */
function viewDue(): boolean {
  return performance.now() - lastView > Math.max(VIEW_MS, VIEW_COST_FACTOR * lastViewCost);
}
let viewDirty = true;
let stepsPerChunk = 16;
/** backends lost in this Worker (never chosen again), the loss of the active one, its watcher */
const lostBackends = new Set<string>();
const loss = lossGuard();
let unwatch: () => void = () => undefined;
let recovering: Promise<void> | undefined;

const yieldChannel = new MessageChannel();
const yieldWaiters: (() => void)[] = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
/** Yields to the event loop (MessageChannel: no 4 ms setTimeout clamp) or sleeps. */
function pauseFor(ms: number): Promise<void> {
  if (ms > 0) return new Promise((r) => setTimeout(r, ms));
  return new Promise((r) => {
    yieldWaiters.push(r);
    yieldChannel.port2.postMessage(0);
  });
}

function progress(force = false): void {
  if (!run) return;
  const now = performance.now();
  if (!force && now - lastFrame < FRAME_MS) return;
  lastFrame = now;
  if (pendingRecords.length > 0) {
    post({ type: 'checkpoints', runId, records: pendingRecords });
    pendingRecords = [];
  }
  post({ type: 'progress', runId, step: run.step, steps: run.resolved.steps, time: run.step * run.resolved.delta, state, message: run.message || undefined });
}

/** Posts the projection and density of the current view (callers throttle while playing). */
async function sendViews(): Promise<void> {
  if (!run || run.checkpoints.length === 0) return;
  const started = performance.now();
  lastView = started;
  viewDirty = false;
  const id = runId;
  const target = run;
  try {
    const projection = computeProjection(target, id, view);
    post({ type: 'projection', ...projection }, [projection.points.buffer, projection.clusters.buffer, projection.weights.buffer, projection.means.buffer]);
    const density = await loss.guard(computeDensity(target, id, view));
    if (density && id === runId) post({ type: 'density', ...density }, [density.nodes.buffer, density.weights.buffer]);
  } catch (err) {
    if (err instanceof BackendLostError) return; // the drive loop (or the loss handler) recovers
    post({ type: 'log', level: 'warn', message: `view computation failed: ${message(err)}` });
  } finally {
    lastViewCost = performance.now() - started;
  }
}

/** SGD steps until the next checkpoint: 0 when one is due now, Infinity when the run is over. */
function stepsToCheckpoint(r: Run): number {
  return r.stepsToNextCheckpoint();
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function measure(): Promise<void> {
  if (!run) return;
  const before = run.checkpoints.length;
  await loss.guard(run.measure());
  // A diverged measure returns the last checkpoint again without recording one: send only new ones.
  if (run.checkpoints.length > before) pendingRecords.push(run.checkpoints[run.checkpoints.length - 1]);
  viewDirty = true;
  if (run.status === 'diverged') state = 'diverged';
  else if (run.done) state = 'done';
}

async function drive(token: number): Promise<void> {
  try {
    await driveLoop(token);
  } catch (err) {
    if (token !== loopToken) return;
    state = 'failed';
    post({ type: 'error', runId, message: message(err) });
    progress(true);
  }
}

/** Is this error the backend dying (lost, or no longer computing) rather than a bug or bad input? */
async function backendFailed(err: unknown): Promise<boolean> {
  if (err instanceof BackendLostError || loss.reason !== undefined) return true;
  const probe = await tryBackend(backendName);
  if (!probe.ok) loss.signal(`the ${backendName} backend stopped working (${message(err)}; probe: ${probe.error})`);
  return !probe.ok;
}

async function driveLoop(token: number): Promise<void> {
  while (token === loopToken && run && state === 'playing') {
    if (loss.reason !== undefined) {
      await recoverOnce();
      continue;
    }
    if (run.status === 'diverged' || (run.done && stepsToCheckpoint(run) !== 0)) {
      state = run.status === 'diverged' ? 'diverged' : 'done';
      break;
    }
    if (stepsToCheckpoint(run) === 0) {
      try {
        await measure();
      } catch (err) {
        if (token === loopToken && (await backendFailed(err))) continue; // recovered at the top
        throw err;
      }
      if (token !== loopToken) return;
      if (stopAtCheckpoint && state === 'playing') state = 'paused';
      progress(state !== 'playing');
      if (state !== 'playing' || viewDue()) await sendViews();
      continue;
    }
    const t0 = performance.now();
    let ran = 0;
    while (performance.now() - t0 < SLICE_MS) {
      const due = stepsToCheckpoint(run);
      if (due === 0 || run.done) break;
      ran += run.advance(Math.min(stepsPerChunk, due));
    }
    const elapsed = performance.now() - t0;
    // Aim for ~1 ms chunks so a slice never overshoots by much.
    if (ran > 0) stepsPerChunk = Math.max(1, Math.min(100_000, Math.round((ran / Math.max(elapsed, 0.05)) * 1)));
    progress();
    if (viewDirty && viewDue()) await sendViews();
    await pauseFor(speed >= 1 ? 0 : (SLICE_MS * (1 - speed)) / speed);
  }
  if (token === loopToken) {
    progress(true);
    if (viewDirty) await sendViews();
  }
}

/** Watches the active backend; a loss is signalled to every guarded await and recovered from. */
function armWatch(name: string): void {
  unwatch();
  loss.reset();
  unwatch = watchBackend(name, (reason) => {
    loss.signal(reason);
    // A playing run recovers in its loop; a paused or finished one is recovered now, in command order.
    queue = queue.then(() => (state !== 'playing' && loss.reason !== undefined ? recoverOnce() : undefined)).catch((err) => post({ type: 'error', runId, message: message(err) }));
  });
}

function recoverOnce(): Promise<void> {
  recovering ??= recover().finally(() => (recovering = undefined));
  return recovering;
}

/**
 * The active backend was lost: switch to the next backend that starts, rebuild the run from the same
 * config on it, resume from the last checkpoint (same parameters and training-stream position: the
 * numbers go on as if nothing happened, up to float differences between backends) and tell the user.
 */
async function recover(): Promise<void> {
  const reason = loss.reason ?? `the ${backendName} backend stopped working`;
  const lostName = backendName;
  const old = run;
  progress(true); // checkpoints measured before the loss reach the page first
  lostBackends.add(lostName);
  unwatch();
  loss.reset();
  if (!old) return;
  const point = old.resumePoint();
  try {
    old.dispose();
  } catch {
    /* its tensors died with the backend */
  }
  run = undefined;
  const report = await nextBackend(lostBackends, `${lostName} was lost; switched`, (m) => post({ type: 'log', level: 'warn', message: m }));
  backendName = report.name;
  post({ type: 'backend', report });
  armWatch(report.name);
  const fresh = await Run.create(old.config);
  attachShare(fresh, report);
  if (point) await fresh.resume(point);
  run = fresh;
  if (!point) await measure(); // lost before the first checkpoint: start over on the new backend
  viewDirty = true;
  const where = point ? `resumed from the checkpoint at step ${point.step.toLocaleString('en-US')}` : 'restarted the run';
  post({ type: 'notice', runId, key: 'backend', message: `${reason}; switched to ${report.name} and ${where} (same parameters and samples)` });
  post({ type: 'log', level: 'warn', message: `backend ${lostName} lost (${reason}); now on ${report.name}, ${where}` });
  progress(true);
}

function startLoop(): void {
  const token = ++loopToken;
  loop = loop.then(() => drive(token));
}

/** Stops the loop and waits until it has let go of the run. */
async function stopLoop(): Promise<void> {
  loopToken++;
  await loop;
}

async function start(cmd: Extract<Command, { type: 'start' }>): Promise<void> {
  await stopLoop();
  run?.dispose();
  run = undefined;
  runId = cmd.runId;
  speed = cmd.speed;
  view = cmd.view;
  stopAtCheckpoint = false;
  pendingRecords = [];
  state = 'starting';
  const resolved = resolve(cmd.config);
  try {
    const blockVectors = modelInfo(cmd.config.model).probeVectors(cmd.config);
    const report = await chooseBackend(
      cmd.config.backend,
      { M: resolved.M, d: cmd.config.d, n: blockVectors },
      (m) => post({ type: 'log', level: 'warn', message: m }),
      lostBackends,
    );
    backendName = report.name;
    armWatch(report.name);
    post({ type: 'backend', report });
    if (cmd.runId !== runId) return;
    run = await Run.create(cmd.config);
    attachShare(run, report);
    const blocks = [...new Map(run.tracked.map((t) => [t.block.id, { id: t.block.id, dim: t.block.dim }])).values()];
    post({ type: 'started', runId, config: cmd.config, resolved, blocks, backend: backendName });
    state = 'paused';
    await measure(); // the checkpoint at step 0
    progress(true);
    await sendViews();
    if (cmd.autoplay && state === 'paused') {
      state = 'playing';
      startLoop();
    }
  } catch (err) {
    state = 'failed';
    post({ type: 'error', runId, message: message(err) });
    post({ type: 'progress', runId, step: 0, steps: resolved.steps, time: 0, state });
  }
}

async function handle(cmd: Command): Promise<void> {
  switch (cmd.type) {
    case 'start':
      return start(cmd);
    case 'play':
      if (run && state === 'paused' && !run.done) {
        state = 'playing';
        stopAtCheckpoint = false;
        startLoop();
      }
      return;
    case 'step':
      if (run && (state === 'paused' || state === 'playing') && !run.done) {
        stopAtCheckpoint = true;
        if (state === 'paused') {
          state = 'playing';
          startLoop();
        }
      }
      return;
    case 'pause':
      if (state === 'playing') {
        state = 'paused';
        stopAtCheckpoint = false;
      }
      progress(true);
      return;
    case 'reset':
      return; // the main thread answers reset with a fresh `start` (same config, new runId)
    case 'speed':
      speed = Math.min(1, Math.max(0.01, cmd.speed));
      return;
    case 'view':
      view = cmd.view;
      viewDirty = true;
      if (state !== 'playing') {
        await loop; // let a finishing loop release the operator first
        await sendViews();
      }
      return;
    case 'export':
      if (run) post({ type: 'export', json: JSON.stringify(run.toRunFile({ backend: backendName, includeData: cmd.includeData })) });
      return;
  }
}

// Commands are handled one at a time, in order; the SGD loop runs beside them and checks `state`.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent) => {
  const data: unknown = event.data;
  if (!isCommand(data)) {
    post({ type: 'error', message: `unknown message (protocol v${PROTOCOL_VERSION} expected)` });
    return;
  }
  // Liveness and fault injection bypass the queue: they must work while a command is in progress.
  if (data.type === 'ping') {
    post({ type: 'pong', id: data.id });
    return;
  }
  if (data.type === 'debug') {
    if (data.fault === 'crash') {
      setTimeout(() => {
        throw new Error('debug: forced crash of the engine worker');
      });
    } else if (!forceBackendLoss(backendName)) loss.signal(`the ${backendName} backend was lost (simulated: debug)`);
    else post({ type: 'log', level: 'warn', message: `debug: ${backendName} backend lost on purpose` });
    // wasm/cpu: nothing to destroy, so the signal is sent by hand; GPU: their own loss event fires it.
    if (loss.reason !== undefined && state !== 'playing') queue = queue.then(() => recoverOnce()).catch((err) => post({ type: 'error', runId, message: message(err) }));
    return;
  }
  queue = queue.then(() => handle(data)).catch((err) => post({ type: 'error', runId, message: message(err) }));
};
