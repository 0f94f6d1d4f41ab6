// The CLI writes the theory record per checkpoint by default; --theory 0 leaves it out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const cli = (args: string[]) =>
  spawnSync(tsx, ['src/cli/experiment.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run experiment: theory', () => {
  const base = ['--d', '40', '--k', '3', '--T', '2', '--every', '40', '--backend', 'cpu', '--quiet'];

  it('by default every checkpoint carries theory {blocks, ode}; config.theory is true', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ea-')), 'run.json');
    const res = cli([...base, '--out', out]);
    expect(res.status, res.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.config.theory).toBe(true);
    expect(file.checkpoints).toHaveLength(3);
    for (const cp of file.checkpoints) {
      expect(cp.theory.blocks).toHaveLength(cp.spectra.length);
      expect(cp.theory.blocks[0]).toMatchObject({ matrix: 'H', block: 'class:0' });
      expect(cp.theory.blocks[0].bulkEdge).toBeGreaterThan(0.1); // β + the noise bulk's width
      expect(cp.theory.blocks[0].limitOutliers).toHaveLength(3);
      expect(cp.theory.ode.m).toHaveLength(3);
      expect(cp.theory.ode.R).toHaveLength(3);
    }
    expect(file.checkpoints[0].theory.ode).toEqual({
      m: file.checkpoints[0].summary.m,
      R: file.checkpoints[0].summary.R,
    });
  });

  it('--theory 0: no checkpoint carries theory; config.theory is false', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ea-')), 'run.json');
    const res = cli([...base, '--theory', '0', '--out', out]);
    expect(res.status, res.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.config.theory).toBe(false);
    for (const cp of file.checkpoints) expect(cp).not.toHaveProperty('theory');
  });
});
