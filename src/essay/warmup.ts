// Which of the essay's runs to start before any figure asks for one, and when: the run of the section
// a link jumps to (#section or ?embed=section) at once, else the first run figure's run once the page
// is idle after its first paint. Warming starts the one engine Worker, chooses its backend and computes
// the run's t = 0 checkpoint, so a run figure shows its first checkpoint as soon as it is on screen.
import type { EssayRun } from './engineHub';

/** the run each run figure reads, by section id */
export const SECTION_RUNS: Readonly<Record<string, EssayRun>> = {
  matrices: 'softmax',
  alignment: 'softmax',
  emergence: 'softmax',
  dynamics: 'softmax',
  'two-layers': 'xor-fail',
};

/** the run read first by a reader who starts at the top */
export const FIRST_RUN: EssayRun = 'softmax';

export interface Warmup {
  run: EssayRun;
  /** true: a run figure is what the reader sees first, start now; false: wait until the page is idle */
  now: boolean;
}

export function warmup(hash: string, embed: string | null): Warmup {
  const target = embed ?? decodeURIComponent(hash.replace(/^#/, ''));
  const run = SECTION_RUNS[target];
  return run ? { run, now: true } : { run: FIRST_RUN, now: false };
}
