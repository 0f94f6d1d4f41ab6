// The protocol's guards know every command and frame type and check each field.
import { describe, expect, it } from 'vitest';
import { defaultConfig, resolve } from '../state/schema';
import {
  commandProblem,
  frameProblem,
  isCommand,
  isFrame,
  PROTOCOL_VERSION,
  type Command,
  type Frame,
} from './protocol';

const v = PROTOCOL_VERSION;
const config = defaultConfig();
const view = { matrix: 'H', block: 'class:0', plane: 'means', pa: 0, pb: 1 } as const;
const report = { name: 'wasm', reason: 'wasm — requested', timings: [{ name: 'wasm', ms: 1 }], failures: [] };

/** one of each command type, every field set */
const COMMANDS: Record<Command['type'], Command> = {
  start: { v, type: 'start', runId: 1, config, view, speed: 1, autoplay: true },
  play: { v, type: 'play' },
  pause: { v, type: 'pause' },
  step: { v, type: 'step' },
  reset: { v, type: 'reset' },
  speed: { v, type: 'speed', speed: 0.5 },
  view: { v, type: 'view', view },
  export: { v, type: 'export', includeData: false },
  ping: { v, type: 'ping', id: 3 },
  debug: { v, type: 'debug', fault: 'lose-backend' },
};

/** one of each frame type, every required field set */
const FRAMES: Record<Frame['type'], Frame> = {
  log: { v, type: 'log', level: 'warn', message: 'm' },
  backend: { v, type: 'backend', report },
  started: {
    v,
    type: 'started',
    runId: 1,
    config,
    resolved: resolve(config),
    blocks: [{ id: 'class:0', dim: 300 }],
    backend: 'wasm',
  },
  progress: { v, type: 'progress', runId: 1, step: 0, steps: 10, time: 0, state: 'paused' },
  checkpoints: { v, type: 'checkpoints', runId: 1, records: [] },
  density: {
    v,
    type: 'density',
    runId: 1,
    step: 0,
    matrix: 'G',
    block: 'class:0',
    nodes: new Float64Array(2),
    weights: new Float64Array(2),
    dim: 300,
    eigenvalues: [1],
    bulkEdge: 1,
    outliers: 0,
  },
  projection: {
    v,
    type: 'projection',
    runId: 1,
    step: 0,
    axes: ['μ_0', 'μ_1⊥'],
    points: new Float32Array(4),
    clusters: new Int32Array(2),
    clusterCount: 2,
    weights: new Float32Array(2),
    weightLabel: 'x^c',
    means: new Float32Array(2),
  },
  export: { v, type: 'export', json: '{}' },
  error: { v, type: 'error', message: 'm' },
  notice: { v, type: 'notice', key: 'backend', message: 'm' },
  pong: { v, type: 'pong', id: 3 },
};

const without = (value: object, key: string) => Object.fromEntries(Object.entries(value).filter(([k]) => k !== key));

describe('command guard', () => {
  it('accepts one of each command', () => {
    for (const command of Object.values(COMMANDS)) expect(commandProblem(command), command.type).toBeUndefined();
  });
  it('names every missing or mistyped field of every command', () => {
    for (const command of Object.values(COMMANDS)) {
      for (const key of Object.keys(command).filter((k) => k !== 'v' && k !== 'type')) {
        expect(commandProblem(without(command, key)), `${command.type} without ${key}`).toMatch(
          new RegExp(`^command '${command.type}': ${key} must be`),
        );
        expect(isCommand({ ...command, [key]: Symbol('wrong') }), `${command.type}.${key} wrong`).toBe(false);
      }
    }
  });
  it('checks the start command’s config key by key and the view’s fields', () => {
    expect(commandProblem({ ...COMMANDS.start, config: { ...config, model: 'cnn' } })).toBe(
      "command 'start': config.model must be one of softmax, xor, mlp",
    );
    expect(commandProblem({ ...COMMANDS.start, config: without(config, 'seed') })).toBe(
      "command 'start': config.seed must be an integer",
    );
    expect(commandProblem({ ...COMMANDS.start, config: { ...config, full: 1 } })).toBe(
      "command 'start': config.full must be a boolean",
    );
    expect(commandProblem({ ...COMMANDS.view, view: { ...view, plane: 'diagonal' } })).toBe(
      "command 'view': view.plane must be one of means, eigen",
    );
    expect(commandProblem({ ...COMMANDS.view, view: { ...view, pa: 0.5 } })).toBe(
      "command 'view': view.pa must be an integer",
    );
    expect(commandProblem({ ...COMMANDS.speed, speed: Number.NaN })).toBe(
      "command 'speed': speed must be a finite number",
    );
    expect(commandProblem({ ...COMMANDS.debug, fault: 'melt' })).toBe(
      "command 'debug': fault must be one of lose-backend, crash",
    );
  });
  it('rejects unknown types, other versions and non-objects', () => {
    expect(commandProblem({ v, type: 'frobnicate' })).toBe("unknown command 'frobnicate'");
    expect(commandProblem({ v, type: 'toString' })).toBe("unknown command 'toString'");
    expect(commandProblem({ v })).toBe('unknown command (no type)');
    expect(commandProblem({ v: 2, type: 'play' })).toBe('protocol v1 expected, got v2');
    expect(commandProblem([])).toBe('protocol v1 expected, got no version');
    expect(commandProblem(undefined)).toBe('a command must be an object');
    // a frame is not a command
    expect(isCommand(FRAMES.progress)).toBe(false);
  });
});

describe('frame guard', () => {
  it('accepts one of each frame, and the optional fields', () => {
    for (const frame of Object.values(FRAMES)) expect(frameProblem(frame), frame.type).toBeUndefined();
    expect(isFrame({ ...FRAMES.progress, message: 'diverged at …' })).toBe(true);
    expect(isFrame({ ...FRAMES.error, runId: 2 })).toBe(true);
    expect(isFrame({ ...FRAMES.projection, note: 'n' })).toBe(true);
  });
  it('names every missing or mistyped required field of every frame', () => {
    for (const frame of Object.values(FRAMES)) {
      for (const key of Object.keys(frame).filter((k) => k !== 'v' && k !== 'type')) {
        expect(frameProblem(without(frame, key)), `${frame.type} without ${key}`).toMatch(
          new RegExp(`^frame '${frame.type}': ${key} must be`),
        );
      }
    }
    expect(frameProblem({ ...FRAMES.progress, state: 'running' })).toMatch(/state must be one of starting, playing/);
    expect(frameProblem({ ...FRAMES.density, nodes: [0, 1] })).toBe("frame 'density': nodes must be a Float64Array");
    expect(frameProblem({ ...FRAMES.error, runId: '1' })).toBe("frame 'error': runId must be an integer");
    expect(frameProblem({ v, type: 'ping', id: 1 })).toBe("unknown frame 'ping'");
  });
});
