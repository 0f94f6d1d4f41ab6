// The CLI as a user runs it: a real process, exit codes, stderr, the file it writes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) =>
  spawnSync(tsx, ['src/cli/experiment.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run experiment', () => {
  it('bad input: one line naming the key, exit 2, no stack trace, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-'));
    const out = join(dir, 'run.json');
    for (const args of [
      ['--d', '-5'],
      ['--lambda', 'abc'],
      ['--nope', '1'],
      ['--d', '8000', '--phi', '20'],
      ['--model', 'cnn'],
      ['--threads', '3'],
    ]) {
      const res = cli([...args, '--out', out]);
      expect(res.status, args.join(' ')).toBe(2);
      const lines = res.stderr.trim().split('\n');
      expect(lines, res.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^error: /);
      expect(res.stderr).not.toMatch(/\bat .*\.ts:\d+/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('writes eigenalign.run/1 with every block of H and G per checkpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-'));
    const out = join(dir, 'run.json');
    const res = cli([
      '--d',
      '40',
      '--k',
      '3',
      '--T',
      '2',
      '--every',
      '40',
      '--out',
      out,
      '--include-data',
      '--backend',
      'cpu',
    ]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/backend: cpu/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.schema).toBe('eigenalign.run/1');
    expect(file.backend).toBe('cpu');
    expect(file.config).toMatchObject({ model: 'softmax', d: 40, k: 3, M: 80, steps: 80 });
    expect(file.checkpoints.map((c: { step: number }) => c.step)).toEqual([0, 40, 80]);
    const blocks = file.checkpoints[0].spectra.map((s: { matrix: string; block: string }) => `${s.matrix}:${s.block}`);
    expect(blocks).toEqual([
      'H:class:0',
      'H:class:1',
      'H:class:2',
      'H:full',
      'G:class:0',
      'G:class:1',
      'G:class:2',
      'G:full',
    ]);
    expect(file.data.means).toHaveLength(3);
    expect(file.data.test.inputs).toHaveLength(80);
    expect(file.data.params.x).toHaveLength(3);
  });

  it('--threads 2 (a worker thread solves half of every checkpoint) writes the same file as --threads 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-'));
    const common = [
      '--d',
      '120',
      '--k',
      '4',
      '--T',
      '2',
      '--every',
      '60',
      '--topj',
      '4',
      '--seeds',
      '2',
      '--quiet',
      '--backend',
      'wasm',
    ];
    const files = ['1', '2'].map((threads) => {
      const out = join(dir, `run-${threads}.json`);
      const res = cli([...common, '--threads', threads, '--out', out]);
      expect(res.status, res.stderr).toBe(0);
      expect(res.stderr, 'no share failure warning').toBe('');
      return readFileSync(out, 'utf8');
    });
    expect(JSON.parse(files[0]).checkpoints).toHaveLength(5);
    expect(files[1]).toBe(files[0]);
  });

  it('`npm run experiment` runs the esbuild bundle (launch.mjs): the same file as tsx, with its share thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-'));
    const common = [
      '--d',
      '120',
      '--k',
      '4',
      '--T',
      '2',
      '--every',
      '60',
      '--topj',
      '4',
      '--quiet',
      '--backend',
      'wasm',
    ];
    const viaTsx = join(dir, 'tsx.json');
    const viaBundle = join(dir, 'bundle.json');
    const a = cli([...common, '--threads', '1', '--out', viaTsx]);
    expect(a.status, a.stderr).toBe(0);
    const b = spawnSync(process.execPath, ['src/cli/launch.mjs', ...common, '--threads', '2', '--out', viaBundle], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(b.status, b.stderr).toBe(0);
    expect(b.stderr, 'no share failure warning').toBe('');
    expect(readFileSync(viaBundle, 'utf8')).toBe(readFileSync(viaTsx, 'utf8'));
    // bad input through the bundle: still one line and exit 2
    const bad = spawnSync(process.execPath, ['src/cli/launch.mjs', '--d', '-5'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['error: d must be an integer in [4, 8000], got "-5"']);
  });

  it('a diverged run writes its finite checkpoints and exits 3 (not 0, which means finished)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ea-'));
    const out = join(dir, 'run.json');
    const res = cli([
      '--d',
      '40',
      '--k',
      '3',
      '--cdelta',
      '100',
      '--beta',
      '10',
      '--T',
      '200',
      '--every',
      '20',
      '--backend',
      'cpu',
      '--quiet',
      '--out',
      out,
    ]);
    expect(res.status, res.stderr).toBe(3);
    expect(res.stderr).toMatch(/^warning: .*c_δ/m);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.status).toBe('diverged');
    expect(file.checkpoints.length).toBeGreaterThan(0);
  });
});
