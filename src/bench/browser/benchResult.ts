// What the browser bench page leaves on window.__bench for the Playwright driver.
import type { Row } from '../measure';

export interface BenchResult {
  backend: string;
  rows: Row[];
  error?: string;
}

declare global {
  interface Window {
    __bench?: BenchResult;
  }
}
