// The browser side of `npm run bench -- --browser`: runs the shared measurements (../measure.ts) on the
// backend named in ?backend=…, in this page (the engine is DOM-free; the page only hosts it), and leaves
// the result on window.__bench for the Playwright driver (runBrowser.ts).
import { chooseBackend } from '../../worker/backends';
import { workerShareHost } from '../../worker/workerShare';
import { PRESETS } from '../../state/presets';
import { defaultConfig, type Config } from '../../state/schema';
import { benchApply, benchCheckpoint, benchRunInProcess, benchSgd, BENCH_D1000_K10, type Row } from '../measure';

import './benchResult';

const startAppWorker = (name: string) =>
  new Worker(new URL('../../worker/app.worker.ts', import.meta.url), { type: 'module', name });
const params = new URLSearchParams(location.search);
const backend = params.get('backend') ?? 'wasm';
const repeats = Number(params.get('repeats') ?? 3);
const parts = (params.get('parts') ?? 'sgd,apply,checkpoint,preset').split(',');
const status = document.getElementById('status')!;

async function main(): Promise<void> {
  const rows: Row[] = [];
  const report = await chooseBackend(backend, { M: BENCH_D1000_K10.M!, d: BENCH_D1000_K10.d, n: 200 }, () => undefined);
  if (report.name !== backend)
    throw new Error(
      `backend ${backend} did not start (got ${report.name}): ${report.failures.map((f) => f.error).join('; ')}`,
    );
  const step = (what: string) => (status.textContent = `${backend}: ${what}`);
  if (parts.includes('sgd')) {
    step('sgd');
    rows.push(await benchSgd(repeats));
  }
  if (parts.includes('apply')) {
    step('apply');
    rows.push(...(await benchApply(repeats)));
  }
  if (parts.includes('checkpoint')) {
    step('checkpoint');
    rows.push(...(await benchCheckpoint('krylov', repeats)).rows);
    if (backend === 'wasm' || backend === 'cpu') {
      // with the solve share on a second core, as the app runs it (a nested Worker there, a Worker here)
      const shares = workerShareHost(backend, startAppWorker);
      try {
        rows.push(...(await benchCheckpoint('krylov', repeats, BENCH_D1000_K10, undefined, shares)).rows);
      } finally {
        shares.close();
      }
    }
  }
  if (parts.includes('preset')) {
    step('preset');
    const alignment: Config = { ...defaultConfig(), ...PRESETS.alignment.config };
    rows.push(
      await benchRunInProcess(
        alignment,
        repeats,
        '"alignment" preset, whole run in the page (engine only, theory on as in the app)',
      ),
    );
  }
  if (parts.includes('big')) {
    step('big');
    const big: Config = { ...BENCH_D1000_K10, d: 4000, M: 8000, every: 4000 };
    rows.push(...(await benchCheckpoint('krylov', 1, big, 'top-10 of 20 class blocks, d 4000, M 8000')).rows);
    if (backend === 'wasm' || backend === 'cpu') {
      const shares = workerShareHost(backend, startAppWorker);
      try {
        rows.push(
          ...(await benchCheckpoint('krylov', 1, big, 'top-10 of 20 class blocks, d 4000, M 8000', shares)).rows,
        );
      } finally {
        shares.close();
      }
    }
  }
  // Long tasks are not reported: the bench runs the engine on this page's main thread on purpose (the
  // app runs it in a Worker); the app's long-task check is the e2e suite's job.
  window.__bench = { backend: report.name, rows };
  status.textContent = 'done';
}

main().catch((err) => {
  window.__bench = { backend, rows: [], error: err instanceof Error ? err.message : String(err) };
  status.textContent = `error: ${window.__bench.error}`;
});
