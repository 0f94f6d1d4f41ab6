import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { EngineClient } from './engineClient';
import { EngineNotices } from './EngineNotices';
import { PanelBoundary } from './PanelBoundary';
import './styles.css';

const client = new EngineClient();
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
