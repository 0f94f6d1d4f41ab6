import { describe, expect, it } from 'vitest';
import { SECTIONS } from './Essay';
import { FIRST_RUN, SECTION_RUNS, warmup } from './warmup';

describe('warmup', () => {
  it('starts the run of the section a link jumps to at once', () => {
    expect(warmup('#alignment', null)).toEqual({ run: 'softmax', now: true });
    expect(warmup('#two-layers', null)).toEqual({ run: 'xor-fail', now: true });
    expect(warmup('', 'two-layers')).toEqual({ run: 'xor-fail', now: true });
  });
  it('waits for the idle page when the reader starts at the top or at a section without a run', () => {
    expect(warmup('', null)).toEqual({ run: FIRST_RUN, now: false });
    expect(warmup('#spectrum', null)).toEqual({ run: FIRST_RUN, now: false });
    expect(warmup('#nonsense', null)).toEqual({ run: FIRST_RUN, now: false });
  });
  it('names only sections the essay has, and the first run is the first run figure’s', () => {
    const ids = SECTIONS.map((s) => s.id);
    for (const id of Object.keys(SECTION_RUNS)) expect(ids).toContain(id);
    const firstRunSection = ids.find((id) => id in SECTION_RUNS)!;
    expect(SECTION_RUNS[firstRunSection]).toBe(FIRST_RUN);
  });
});
