// The rooms' import rules and the model registry's promise, checked on the source text:
//  • src/math imports nothing above it (its tests included);
//  • src/models (the registry) imports only math and itself, apart from its tests;
//  • no file outside a model's own folder (src/models/<name>/) compares anything with a model name.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODEL_NAMES } from './models/registry';

const SRC = resolve(__dirname);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

/** the src-relative folders a file imports from (package imports left out) */
function importedRooms(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(file), s)).split(/[\\/]/)[0]);
}

const isTest = (f: string) => /\.test\.tsx?$/.test(f);

describe('rooms', () => {
  it('src/math imports only src/math', () => {
    const bad = files(join(SRC, 'math')).flatMap((f) =>
      importedRooms(f)
        .filter((room) => room !== 'math')
        .map((room) => `${relative(SRC, f)} → ${room}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/models imports only src/math and src/models (tests aside)', () => {
    const bad = files(join(SRC, 'models'))
      .filter((f) => !isTest(f))
      .flatMap((f) =>
        importedRooms(f)
          .filter((room) => room !== 'math' && room !== 'models')
          .map((room) => `${relative(SRC, f)} → ${room}`),
      );
    expect(bad).toEqual([]);
  });

  it('outside the model folders nothing compares with a model name', () => {
    const names = MODEL_NAMES.join('|');
    const comparison = new RegExp(`(===|!==)\\s*'(${names})'|'(${names})'\\s*(===|!==)|case\\s+'(${names})'`);
    const own = new RegExp(`^models[\\\\/](${names})[\\\\/]`);
    const bad = files(SRC)
      .filter((f) => !isTest(f) && !own.test(relative(SRC, f)))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => (comparison.test(line) ? `${relative(SRC, f)}:${i + 1}: ${line.trim()}` : ''))
          .filter(Boolean),
      );
    expect(bad).toEqual([]);
  });
});
