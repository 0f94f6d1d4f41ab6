import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EngineClient } from './engineClient';
import { EngineNotices } from './EngineNotices';
import { PanelBoundary } from './PanelBoundary';
import { deckPresence } from './deck/deckSignal';
import { decodeState } from '../state/url';
import { embedPanels } from '../state/view';
import './styles.css';
import './stableLayout.css';
import './responsive.css';

// An embed listens to its deck from the start and creates its engine Worker when it is first seen.
const embedded = embedPanels(decodeState(window.location.search).view).length > 0;
if (embedded) deckPresence();
const client = new EngineClient({ deferBoot: embedded });
// Read-only access for the end-to-end tests and curious researchers (console: __eigenalign.get()).
(globalThis as unknown as { __eigenalign: EngineClient }).__eigenalign = client;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PanelBoundary name="app">
      <App client={client} />
    </PanelBoundary>
    <EngineNotices client={client} />
  </StrictMode>,
);
