// The licences of every npm package bundled into the app, the page's code and the Worker's alike, in
// one file beside index.html (licenses.md); the bundles themselves carry no licence banners. Vite's own
// build.license sees only the page's bundle, and tfjs's packages ship no LICENSE file: their terms are
// the @license banner at the top of each source file, which is collected here, once per distinct text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export interface PackageLicence {
  name: string;
  version: string;
  /** SPDX identifier from package.json */
  identifier?: string;
  /** the package's LICENSE file, or else its distinct @license banners */
  texts: string[];
}

const LICENCE_FILE = /^(licen[cs]e|copying)/i;
const LEGAL_COMMENT = /\/\*[*!]?[^*]*\*+(?:[^/*][^*]*\*+)*\//g;

/** the text of the legal (`@license`, `@preserve`, `/*!`) block comments in `code`, without comment marks */
export function legalComments(code: string): string[] {
  const found: string[] = [];
  for (const match of code.match(LEGAL_COMMENT) ?? []) {
    if (!/@license|@preserve|^\/\*!/.test(match)) continue;
    const text = match
      .replace(/^\/\*[*!]?/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((line) => line.replace(/^\s*\*? ?/, '').trimEnd())
      .join('\n')
      .trim();
    found.push(text);
  }
  return found;
}

/** the package.json directory above `file` that names a package (skipping nested "type"-only ones) */
function packageOf(file: string, cache: Map<string, { dir: string; json: Record<string, unknown> } | null>) {
  let dir = dirname(file);
  const seen: string[] = [];
  while (dir.includes('node_modules')) {
    if (cache.has(dir)) break;
    seen.push(dir);
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      if (typeof json.name === 'string' && typeof json.version === 'string') {
        cache.set(dir, { dir, json });
        break;
      }
    }
    dir = dirname(dir);
  }
  const found = cache.get(dir) ?? null;
  for (const d of seen) cache.set(d, found);
  return found;
}

export function licencesMarkdown(packages: PackageLicence[]): string {
  let text = '# Licences\n\nThe app bundles the following npm packages, under these licences:\n';
  for (const p of [...packages].sort((a, b) => a.name.localeCompare(b.name))) {
    text += `\n## ${p.name} ${p.version}${p.identifier ? ` (${p.identifier})` : ''}\n`;
    for (const t of [...p.texts].sort()) text += `\n${t}\n`;
  }
  return text;
}

/**
 * Two plugins sharing one record: `collect()` goes into every Worker build (worker.plugins) and the
 * page's build, noting the bundled packages; `emit` (the page's build, which finishes after its Workers)
 * writes `fileName`.
 */
export function licenceFile(fileName = 'licenses.md'): { collect: () => Plugin; emit: Plugin } {
  const banners = new Map<string, string[]>(); // module id → its legal comments
  const packages = new Map<string, PackageLicence>();
  const withLicenceFile = new Set<string>();
  const cache = new Map<string, { dir: string; json: Record<string, unknown> } | null>();

  const transform: Plugin['transform'] = {
    filter: { id: /node_modules/ },
    handler(code, id) {
      const found = legalComments(code);
      if (found.length) banners.set(id, found);
      return null;
    },
  };
  function note(moduleIds: Iterable<string>): void {
    for (const id of moduleIds) {
      if (id.startsWith('\0') || !id.includes('node_modules')) continue;
      const pkg = packageOf(id, cache);
      if (!pkg) continue;
      const key = `${pkg.json.name}@${pkg.json.version}`;
      let entry = packages.get(key);
      if (!entry) {
        const file = readdirSync(pkg.dir).find((f) => LICENCE_FILE.test(f));
        if (file) withLicenceFile.add(key);
        entry = {
          name: String(pkg.json.name),
          version: String(pkg.json.version),
          ...(typeof pkg.json.license === 'string' ? { identifier: pkg.json.license } : {}),
          texts: file ? [readFileSync(join(pkg.dir, file), 'utf8').trim()] : [],
        };
        packages.set(key, entry);
      }
      if (withLicenceFile.has(key)) continue;
      for (const text of banners.get(id) ?? []) if (!entry.texts.includes(text)) entry.texts.push(text);
    }
  }
  const bundledModules = (bundle: Record<string, { type: string; moduleIds?: string[] }>) =>
    Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' ? (chunk.moduleIds ?? []) : []));

  const collect = (): Plugin => ({
    name: 'eigenalign:licence-collect',
    transform,
    generateBundle(_, bundle) {
      note(bundledModules(bundle));
    },
  });
  const emit: Plugin = {
    name: 'eigenalign:licence-file',
    apply: 'build',
    transform,
    generateBundle(_, bundle) {
      note(bundledModules(bundle));
      this.emitFile({ type: 'asset', fileName, source: licencesMarkdown([...packages.values()]) });
    },
  };
  return { collect, emit };
}
