// "Open this figure in the sandbox": the app's URL query for one of the essay's runs (every parameter
// kept: the run is a preset, the view names the matrix and block the figure shows).
import { encodeState } from '../state/url';
import { presetConfig, presetView } from '../state/presets';
import { ESSAY_RUNS, runConfig, type EssayRun } from './engineHub';
import type { ViewState } from '../state/view';

export function sandboxQuery(run: EssayRun, view: Partial<ViewState> = {}): string {
  const preset = ESSAY_RUNS[run];
  return encodeState({ preset, config: runConfig(run), view: { ...presetView(preset), ...view } });
}

/** The default run with another λ (section 1's slider). */
export function sandboxQueryLambda(lambda: number): string {
  return encodeState({
    preset: undefined,
    config: { ...presetConfig(undefined), lambda },
    view: presetView(undefined),
  });
}
