/**
 * A measuring hook for the benchmark (bench/observers/browser.ts installs one before the page
 * loads). The browser's stream hook calls it and does nothing else for it: what to measure
 * lives with the bench, not in the page's code.
 */
import type { FleetIndex } from '../bmh/fleet-index';
import type { StreamMessage } from './protocol';

export interface StreamProbe {
  /** A snapshot or delta is about to be folded into `index` (which still holds the state before it). */
  beforeFold(message: StreamMessage, index: Pick<FleetIndex, 'get' | 'list'>): void;
  /** What was folded is now published to the page; it is painted at the next frame. */
  afterPublish(): void;
}

declare global {
  interface Window {
    __fleetscopeProbe?: StreamProbe;
  }
}
