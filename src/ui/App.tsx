// The app: state from the URL, controls and transport on the left, three panels on the right.
// Config changes restart the run in the Worker; view changes only ask it for new views.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { modelInfo } from '../models/registry';
import { configFromEntries, type Notice } from '../state/validate';
import type { ConfigKey } from '../state/schema';
import { presetConfig, presetView, type PresetName } from '../state/presets';
import { decodeState, encodeState, matchesPreset, type AppState } from '../state/url';
import { blockIds, embedPanels, fitViewToConfig, hiddenControls, shouldAutoplay, type ViewState } from '../state/view';
import type { ViewRequest } from '../worker/protocol';
import { applyThemeClass, THEMES } from '../charts/theme';
import { ThemeContext } from './themeContext';
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
import { PanelBoundary } from './PanelBoundary';
import { ProjectionPanel } from './ProjectionPanel';
import { SpectrumPanel } from './SpectrumPanel';
import { Transport } from './Transport';
import { MAX_RUN_FILE_CHARS, readRunFile } from '../engine/readRunFile';
import { runToCsv } from '../engine/runCsv';
import type { RunFile } from '../engine/runFile';
import { EmbedBar } from './EmbedBar';
import { EmbedCode } from './EmbedCode';
import { ExportMenu } from './ExportMenu';
import { download } from './exportFigure';
import { embedCss, hideCss } from './hideStyles';
import { savedSnapshot, type SavedRun } from './savedRun';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useOffscreenPause } from './useOffscreenPause';
import { useShortcuts } from './useShortcuts';
import { deckPresence } from './deck/deckSignal';
import { useDeckKeys } from './deck/useDeckKeys';
import './share.css';

function viewRequest(view: ViewState): ViewRequest {
  return { matrix: view.matrix, block: view.block, plane: view.plane, pa: view.pa, pb: view.pb };
}

export function App({ client }: { client: EngineClient }) {
  const [initial] = useState(() => decodeState(window.location.search));
  const [app, setApp] = useState<AppState>({ preset: initial.preset, config: initial.config, view: initial.view });
  const [notices, setNotices] = useState<Notice[]>(initial.notices);
  const live = useSyncExternalStore(client.subscribe, client.get);
  // Embeds, themes, a saved run shown without the Worker, shortcuts.
  const rootRef = useRef<HTMLDivElement>(null);
  const panelIds = embedPanels(app.view);
  const embedded = panelIds.length > 0;
  const chartTheme = THEMES[app.view.theme];
  useLayoutEffect(() => applyThemeClass(app.view.theme), [app.view.theme]);
  const offscreen = useOffscreenPause(client, rootRef, embedded, { waitForDeck: app.view.deck === 'reveal' });
  useDeckKeys(embedded ? deckPresence().channel : undefined);
  const [saved, setSaved] = useState<SavedRun>();
  const [openError, setOpenError] = useState<string>();
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [missing, setMissing] = useState(false);
  const savedViewKey = JSON.stringify(viewRequest(app.view));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shown = useMemo(() => (saved ? savedSnapshot(saved, viewRequest(app.view)) : undefined), [saved, savedViewKey]);
  const snapshot = shown ?? live;
  useEffect(() => {
    (globalThis as unknown as { __eigenalignShown: unknown }).__eigenalignShown = snapshot; // read-only, for e2e
  }, [snapshot]);
  // the ensemble batch runs in its own Worker (created on the first batch); read-only handle for e2e
  const [ensemble] = useState(
    () =>
      ((globalThis as unknown as { __eigenalignEnsemble: EnsembleClient }).__eigenalignEnsemble = new EnsembleClient()),
  );

  // The URL mirrors the state (replaceState: no history entry per slider move).
  useEffect(() => {
    const url = `${window.location.pathname}${encodeState(app)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`)
      window.history.replaceState(null, '', url);
  }, [app]);

  const configKey = JSON.stringify(app.config);
  const [runNonce, setRunNonce] = useState(0);
  useEffect(() => {
    if (saved) {
      client.pause(); // a saved run is shown from its file: the live run waits
      return;
    }
    const play = shouldAutoplay(app.view);
    offscreen.setIntent(play);
    client.start(app.config, viewRequest(app.view), app.view.speed, play && offscreen.visible());
    // Only a config change (or reset, or closing a saved run) restarts; the view is sent along for the first frames.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, configKey, runNonce, saved]);

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
      if (JSON.stringify(parsed.config) !== JSON.stringify(app.config) || viewNotices.length) {
        setSaved(undefined);
        setApp({ ...app, config: parsed.config, view });
      }
    },
    [app, addNotices],
  );

  const changeView = useCallback(
    (patch: Partial<ViewState>) => setApp((old) => ({ ...old, view: { ...old.view, ...patch } })),
    [],
  );

  const choosePreset = useCallback((name: PresetName) => {
    setSaved(undefined);
    setApp((old) => ({
      preset: name,
      config: presetConfig(name),
      view: { ...presetView(name), speed: old.view.speed },
    }));
  }, []);

  const baseName = `eigenalign-${app.preset ?? 'run'}-seed${app.config.seed}`;
  const exportRun = useCallback(async () => {
    const json = saved ? JSON.stringify(saved.file) : await client.exportRun(true);
    download(`${baseName}.run.json`, json, 'application/json');
  }, [client, saved, baseName]);
  const exportCsv = useCallback(async () => {
    const file: RunFile = saved ? saved.file : JSON.parse(await client.exportRun(false));
    download(`${baseName}.csv`, runToCsv(file.checkpoints, file.config), 'text/csv');
  }, [client, saved, baseName]);

  // "Open run…": a run file shown in the panels without re-computing; a bad file gets one clear message.
  const fileInput = useRef<HTMLInputElement>(null);
  const openRun = useCallback(
    async (file: File) => {
      if (file.size > MAX_RUN_FILE_CHARS)
        return setOpenError(`${file.name}: the file is too large (${(file.size / 1e6).toFixed(0)} MB)`);
      let text: string;
      try {
        text = await file.text();
      } catch (err) {
        return setOpenError(`${file.name}: could not be read (${err instanceof Error ? err.message : String(err)})`);
      }
      const read = readRunFile(text);
      if (!read.ok) return setOpenError(`${file.name}: ${read.error}`);
      setOpenError(undefined);
      addNotices(read.warnings.map((message) => ({ key: 'run file', message })));
      setSaved({ name: file.name, file: read.file, config: read.config });
      // a file with an ensemble (--seeds N) shows it in the ensemble panel, trajectories included
      ensemble.load(file.name, read.file, read.config);
      setApp((old) => {
        const view = { ...old.view };
        fitViewToConfig(view, read.config);
        return { preset: undefined, config: read.config, view };
      });
    },
    [addNotices, ensemble],
  );

  const play = useCallback(() => {
    if (saved) return;
    offscreen.setIntent(true);
    client.play();
  }, [client, saved, offscreen]);
  const pause = useCallback(() => {
    offscreen.setIntent(false);
    client.pause();
  }, [client, offscreen]);
  const step = useCallback(() => {
    if (!saved) client.step();
  }, [client, saved]);
  const reset = useCallback(() => {
    setSaved(undefined);
    setRunNonce((n) => n + 1);
  }, []);
  useShortcuts({
    togglePlay: () => (snapshot.state === 'playing' ? pause() : snapshot.state === 'paused' ? play() : undefined),
    step: () => snapshot.state === 'paused' && step(),
    reset,
    help: () => setShortcutsOpen((open) => !open),
  });

  // An embed whose panels all render nothing here (neurons for softmax) says so instead of a blank frame.
  // Which panels render depends on the model of the run shown (live or saved).
  const panelKey = panelIds.join(',');
  const shownModel = snapshot.config?.model;
  useEffect(() => {
    if (embedded)
      setMissing(!panelKey.split(',').some((id) => rootRef.current?.querySelector(`[data-testid="panel-${id}"]`)));
  }, [embedded, panelKey, shownModel, saved]);
  const css = [embedCss(panelIds), hideCss(hiddenControls(app.view))].filter(Boolean).join('\n');
  const exportMenu = (
    <ExportMenu
      theme={chartTheme}
      baseName={baseName}
      onRunJson={exportRun}
      onRunCsv={exportCsv}
      onError={(message) => addNotices([{ key: 'export', message }])}
    />
  );

  const blocks = snapshot.blocks.length ? snapshot.blocks.map((b) => b.id) : blockIds(app.config);
  const means = useMemo(() => modelInfo(app.config.model).meanNames(app.config), [app.config]);

  return (
    <div className={embedded ? 'embed' : 'app'} ref={rootRef} data-testid="root">
      {css && <style>{css}</style>}
      {embedded && (
        <div className="sr-only" role="heading" aria-level={1}>
          eigenalign: {panelIds.join(', ')}
        </div>
      )}
      {!embedded && (
        <Header
          preset={app.preset}
          modified={!matchesPreset(app.config, app.preset)}
          backend={snapshot.backend}
          onPreset={choosePreset}
          tools={
            <>
              <EmbedCode state={app} />
              {exportMenu}
              <span className="open-run">
                <button
                  type="button"
                  data-testid="open-run"
                  onClick={() => fileInput.current?.click()}
                  title="show a saved run file (eigenalign.run/1) without re-computing"
                >
                  Open run…
                </button>
                <input
                  ref={fileInput}
                  type="file"
                  accept=".json,application/json"
                  data-testid="open-run-input"
                  aria-label="run file to open"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void openRun(file);
                  }}
                />
              </span>
              <button
                type="button"
                onClick={() => setShortcutsOpen(true)}
                aria-label="keyboard shortcuts"
                title="keyboard shortcuts (?)"
              >
                ?
              </button>
            </>
          }
        />
      )}
      <Notices
        notices={notices}
        onDismiss={(i) => setNotices((old) => old.filter((_, j) => j !== i))}
        onDismissAll={() => setNotices([])}
      />
      {openError && (
        <p className="error upload-error" role="alert" data-testid="open-error">
          Could not open the run file {openError}
        </p>
      )}
      {saved && !embedded && (
        <p className="saved-run" role="status" data-testid="saved-run">
          <span>
            Showing the saved run <strong>{saved.name}</strong> from its file: nothing is re-computed.
            {saved.file.data
              ? ' Projections are computed from its data (last checkpoint); the spectral density needs the live operator and is not in a run file.'
              : ' No data in this file: no projections (export with data, or the CLI’s --include-data).'}
          </span>
          <button type="button" data-testid="close-saved" onClick={reset}>
            Back to a live run
          </button>
        </p>
      )}
      {snapshot.error && (
        <p className="error" role="alert" data-testid="engine-error">
          The run could not go on: {snapshot.error}
        </p>
      )}
      <PanelBoundary name="diagnosis" resetKey={snapshot.checkpoints}>
        <DiagnosisBanner snapshot={snapshot} model={app.config.model} />
      </PanelBoundary>
      <div className="layout">
        {!embedded && (
          <aside className="sidebar">
            <Transport
              snapshot={snapshot}
              every={app.config.every}
              speed={app.view.speed}
              onPlay={play}
              onPause={pause}
              onStep={step}
              onReset={reset}
              onSpeed={(speed) => {
                changeView({ speed });
                client.setSpeed(speed);
              }}
            />
            <ConfigControls config={app.config} onCommit={commitConfig} />
          </aside>
        )}
        <ThemeContext.Provider value={chartTheme}>
          <main className="panels" key={app.view.theme}>
            <PanelBoundary name="spectrum" resetKey={snapshot.checkpoints}>
              <SpectrumPanel snapshot={snapshot} view={app.view} blocks={blocks} onView={changeView} />
            </PanelBoundary>
            <PanelBoundary name="alignment" resetKey={snapshot.checkpoints}>
              <AlignmentPanel snapshot={snapshot} />
            </PanelBoundary>
            <PanelBoundary name="projection" resetKey={snapshot.checkpoints}>
              <ProjectionPanel snapshot={snapshot} view={app.view} means={means} onView={changeView} />
            </PanelBoundary>
            <PanelBoundary name="neurons" resetKey={snapshot.checkpoints}>
              <NeuronPanel snapshot={snapshot} view={app.view} />
            </PanelBoundary>
            {modelInfo(app.config.model).ensemble && (
              <PanelBoundary name="ensemble" resetKey={app.config}>
                <EnsemblePanel client={ensemble} config={app.config} backend={snapshot.backend?.name} />
              </PanelBoundary>
            )}
            <PanelBoundary name="log" resetKey={snapshot.logs}>
              <LogView logs={snapshot.logs} />
            </PanelBoundary>
          </main>
        </ThemeContext.Provider>
      </div>
      {embedded && missing && (
        <p className="embed-missing" data-testid="embed-missing">
          The {panelIds.join(', ')} panel{panelIds.length > 1 ? 's are' : ' is'} not available for model ={' '}
          {app.config.model}.
        </p>
      )}
      {embedded && (
        <EmbedBar
          snapshot={snapshot}
          fullAppHref={encodeState({ ...app, view: { ...app.view, embed: '', hide: '', autoplay: 'auto' } }) || './'}
          onPlay={play}
          onPause={pause}
          onStep={step}
          onReset={reset}
        >
          {exportMenu}
        </EmbedBar>
      )}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
    </div>
  );
}
