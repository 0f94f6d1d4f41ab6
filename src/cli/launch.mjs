// `npm run experiment`: runs the CLI from an esbuild bundle instead of through tsx. Why: a tsx start
// spends ~0.9 s before the first line of the run (transforming every module, Node lexing tfjs's 4 MB
// CommonJS bundle for named exports, parsing its source map); the bundle starts in ~0.1 s, and the share
// thread (threadShare.ts) starts just as much faster.
//
// The bundle lives in node_modules/.cache/eigenalign-cli/<key>/, keyed by the size and mtime of every
// source file and of the lockfile: any edit makes a new key, so it is never stale. Parallel first
// starts each build into a temporary folder and rename it into place (the first rename wins). Plain JS
// on purpose: it runs before anything can transform TypeScript.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheRoot = join(root, 'node_modules', '.cache', 'eigenalign-cli');
/** entry name → source; the thread body is found beside the main bundle (threadShare.ts) */
const ENTRIES = { experiment: 'src/cli/experiment.ts', shareThreadBody: 'src/cli/shareThreadBody.ts' };
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];

function sourceKey() {
  const hash = createHash('sha1');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs|js|json)$/.test(entry.name)) {
        const s = statSync(path);
        hash.update(`${relative(root, path)}:${s.size}:${s.mtimeMs}\n`);
      }
    }
  };
  walk(join(root, 'src'));
  for (const file of ['package-lock.json', 'package.json']) {
    const s = statSync(join(root, file));
    hash.update(`${file}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `import '@tensorflow/tfjs-backend-cpu'` registers the backend as a side effect, but the package's
 * "sideEffects" list omits its Node entry, so esbuild would drop the import: mark the backends'
 * entries as having side effects.
 */
const registerBackends = {
  name: 'tfjs-backends-register',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-backend-(cpu|wasm)$/ }, async (args) => {
      if (args.pluginData?.inner) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { inner: true },
      });
      return { ...resolved, sideEffects: true };
    });
  },
};

async function buildInto(dir) {
  const { build } = await import('esbuild');
  await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // CommonJS: tfjs-backend-wasm's Emscripten loader finds its .wasm files through __dirname
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    define: { 'import.meta.url': '__importMetaUrl' },
    plugins: [registerBackends],
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  const wasmDir = dirname(
    createRequire(join(root, 'package.json')).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
  );
  for (const file of WASM_FILES) copyFileSync(join(wasmDir, file), join(dir, file));
  writeFileSync(join(dir, 'README.txt'), 'Bundle of the eigenalign CLI (src/cli/launch.mjs). Safe to delete.\n');
}

async function bundleDir() {
  const key = sourceKey();
  const dir = join(cacheRoot, key);
  if (existsSync(join(dir, 'experiment.cjs'))) return dir;
  mkdirSync(cacheRoot, { recursive: true });
  const tmp = join(cacheRoot, `tmp-${process.pid}-${Date.now()}`);
  await buildInto(tmp);
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process won the race: use its bundle
  }
  // older bundles (other keys) are dead weight: best-effort cleanup
  for (const name of readdirSync(cacheRoot)) {
    if (name !== key && !name.startsWith('tmp-')) rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
  return dir;
}

const dir = await bundleDir();
// require, not import(): importing a CommonJS file from ESM makes Node lex all 4 MB of it for named
// exports (≈ 0.14 s); the bundle exports nothing anyway.
createRequire(import.meta.url)(join(dir, 'experiment.cjs'));
