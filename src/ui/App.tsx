// The app: state from the URL, controls and transport on the left, three panels on the right.
// Config changes restart the run in the Worker; view changes only ask it for new views.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { configFromEntries, type Notice } from '../state/validate';
import type { ConfigKey } from '../state/schema';
import { presetConfig, presetView, type PresetName } from '../state/presets';
import { decodeState, encodeState, matchesPreset, type AppState } from '../state/url';
import { blockIds, fitViewToConfig, meanCount, type ViewState } from '../state/view';
import type { ViewRequest } from '../worker/protocol';
import { sub } from '../charts/theme';
import { AlignmentPanel } from './AlignmentPanel';
import { DiagnosisBanner } from './DiagnosisBanner';
import { EnsembleClient } from './ensembleClient';
import { EnsemblePanel } from './EnsemblePanel';
import { NeuronPanel } from './NeuronPanel';
import { ConfigControls } from './ConfigControls';
import type { EngineClient } from './engineClient';
import { Header } from './Header';
import { LogView } from './LogView';
import { Notices } from './Notices';
import { ProjectionPanel } from './ProjectionPanel';
import { SpectrumPanel } from './SpectrumPanel';
import { Transport } from './Transport';

function viewRequest(view: ViewState): ViewRequest {
  return { matrix: view.matrix, block: view.block, plane: view.plane, pa: view.pa, pb: view.pb };
}

export function App({ client }: { client: EngineClient }) {
  const [initial] = useState(() => decodeState(window.location.search));
  const [app, setApp] = useState<AppState>({ preset: initial.preset, config: initial.config, view: initial.view });
  const [notices, setNotices] = useState<Notice[]>(initial.notices);
  const snapshot = useSyncExternalStore(client.subscribe, client.get);
  // the ensemble batch runs in its own Worker (created on the first batch); read-only handle for e2e
  const [ensemble] = useState(() => ((globalThis as unknown as { __eigenalignEnsemble: EnsembleClient }).__eigenalignEnsemble = new EnsembleClient()));

  // The URL mirrors the state (replaceState: no history entry per slider move).
  useEffect(() => {
    const url = `${window.location.pathname}${encodeState(app)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) window.history.replaceState(null, '', url);
  }, [app]);

  const configKey = JSON.stringify(app.config);
  const [runNonce, setRunNonce] = useState(0);
  useEffect(() => {
    client.start(app.config, viewRequest(app.view), app.view.speed, true);
    // Only a config change (or reset) restarts; the view is sent along for the first frames.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, configKey, runNonce]);

  const viewKey = JSON.stringify(viewRequest(app.view));
  useEffect(() => {
    client.setView(viewRequest(app.view));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, viewKey]);

  const addNotices = useCallback((more: Notice[]) => {
    if (more.length) setNotices((old) => [...old, ...more].slice(-20));
  }, []);

  const commitConfig = useCallback(
    (name: ConfigKey, raw: string) => {
      const parsed = configFromEntries([[name, raw]], 'clamp', app.config);
      const view = { ...app.view };
      const viewNotices = fitViewToConfig(view, parsed.config);
      addNotices([...parsed.notices, ...viewNotices]);
      if (JSON.stringify(parsed.config) !== JSON.stringify(app.config) || viewNotices.length) setApp({ ...app, config: parsed.config, view });
    },
    [app, addNotices],
  );

  const changeView = useCallback((patch: Partial<ViewState>) => setApp((old) => ({ ...old, view: { ...old.view, ...patch } })), []);

  const choosePreset = useCallback((name: PresetName) => {
    setApp((old) => ({ preset: name, config: presetConfig(name), view: { ...presetView(name), speed: old.view.speed } }));
  }, []);

  const exportRun = useCallback(async () => {
    const json = await client.exportRun(true);
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `eigenalign-${app.preset ?? 'run'}-seed${app.config.seed}.run.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, [client, app]);

  const blocks = snapshot.blocks.length ? snapshot.blocks.map((b) => b.id) : blockIds(app.config);
  const means = useMemo(
    () => (app.config.model === 'xor' ? ['μ', 'ν'] : Array.from({ length: meanCount(app.config) }, (_, i) => `μ${sub(i)}`)),
    [app.config],
  );

  return (
    <div className="app">
      <Header preset={app.preset} modified={!matchesPreset(app.config, app.preset)} backend={snapshot.backend} onPreset={choosePreset} onExport={exportRun} />
      <Notices notices={notices} onDismiss={(i) => setNotices((old) => old.filter((_, j) => j !== i))} onDismissAll={() => setNotices([])} />
      {snapshot.error && (
        <p className="error" role="alert" data-testid="engine-error">
          The run could not go on: {snapshot.error}
        </p>
      )}
      <DiagnosisBanner snapshot={snapshot} />
      <div className="layout">
        <aside className="sidebar">
          <Transport
            snapshot={snapshot}
            every={app.config.every}
            speed={app.view.speed}
            onPlay={() => client.play()}
            onPause={() => client.pause()}
            onStep={() => client.step()}
            onReset={() => setRunNonce((n) => n + 1)}
            onSpeed={(speed) => {
              changeView({ speed });
              client.setSpeed(speed);
            }}
          />
          <ConfigControls config={app.config} onCommit={commitConfig} />
        </aside>
        <main className="panels">
          <SpectrumPanel snapshot={snapshot} view={app.view} blocks={blocks} onView={changeView} />
          <AlignmentPanel snapshot={snapshot} />
          <ProjectionPanel snapshot={snapshot} view={app.view} means={means} onView={changeView} />
          <NeuronPanel snapshot={snapshot} view={app.view} />
          {app.config.model !== 'softmax' && <EnsemblePanel client={ensemble} config={app.config} backend={snapshot.backend?.name} />}
          <LogView logs={snapshot.logs} />
        </main>
      </div>
    </div>
  );
}
