// The real CLI process on argument lists from the shared adversarial generator that the parser rejects:
// exit code 2, exactly one line on stderr, no stack trace, no output file (not even a partial one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzArgv, fuzzCases } from '../testing/adversarial';
import { parseArgs } from './args';

const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

describe('npm run experiment under adversarial arguments', () => {
  it('8 rejected argument lists: exit 2, one line, no stack trace, nothing written', () => {
    const rejected = fuzzCases(400, 99, fuzzArgv)
      .filter(
        (argv) => !argv.some((a) => a.startsWith('--out') || a === '--help' || a.startsWith('--help=') || a === '-h'),
      )
      .filter((argv) => {
        try {
          parseArgs(argv);
          return false;
        } catch {
          return true;
        }
      })
      .slice(0, 8);
    expect(rejected).toHaveLength(8);
    const dir = mkdtempSync(join(tmpdir(), 'ea-fuzz-'));
    const out = join(dir, 'run.json');
    for (const argv of rejected) {
      const res = spawnSync(tsx, ['src/cli/experiment.ts', ...argv, '--out', out], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const what = JSON.stringify(argv).slice(0, 200);
      expect(res.status, what).toBe(2);
      const lines = res.stderr.trimEnd().split('\n');
      expect(lines, what).toHaveLength(1);
      expect(lines[0], what).toMatch(/^error: /);
      expect(res.stderr, what).not.toMatch(/\n\s+at /);
      expect(res.stdout, what).toBe('');
      expect(existsSync(out), what).toBe(false);
      expect(readdirSync(dir), what).toEqual([]);
    }
  });
});
