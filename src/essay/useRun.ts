// A figure's hold on one of the essay's runs: it asks the shared hub for the run while it is on
// screen and re-renders on every new checkpoint.
import { useEffect, useSyncExternalStore } from 'react';
import { engineHub, type EssayRun, type RunView } from './engineHub';

export function useRun(run: EssayRun, visible: boolean): RunView {
  useSyncExternalStore(engineHub.subscribe, engineHub.getVersion);
  useEffect(() => {
    if (!visible) return;
    engineHub.want(run, true);
    return () => engineHub.want(run, false);
  }, [run, visible]);
  return engineHub.view(run);
}
