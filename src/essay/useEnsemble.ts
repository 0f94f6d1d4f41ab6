// A figure's hold on the essay's XOR ensemble: its seeds run on the shared worker while the figure is
// on screen and no figure's own run needs the worker.
import { useEffect, useSyncExternalStore } from 'react';
import { engineHub, type EnsembleView } from './engineHub';

export function useEnsemble(visible: boolean): EnsembleView {
  useSyncExternalStore(engineHub.subscribe, engineHub.getVersion);
  useEffect(() => {
    if (!visible) return;
    engineHub.want('ensemble', true);
    return () => engineHub.want('ensemble', false);
  }, [visible]);
  return engineHub.ensembleView();
}
