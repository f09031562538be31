/**
 * The page in Chromium: when each host's new state was painted, the longest main-thread tasks
 * (PerformanceObserver `longtask`), the JS heap, and how long a fresh page takes to show a big fleet.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import type { StreamProbe } from '../../lib/stream/probe';
import { TransitionLog } from '../stats';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];

/** What the page records for the bench (read with page.evaluate). */
interface BenchRecord {
  /** Every host whose state the page painted: key, state, epoch ms of the paint. */
  shown: [key: string, state: string, at: number][];
  /** When the first snapshot was on screen. */
  firstRender?: { hosts: number; at: number };
}

declare global {
  interface Window {
    __fleetscopeBench?: BenchRecord;
  }
}

/**
 * Runs in the page before its scripts: installs the stream probe (lib/stream/probe.ts) that
 * notes, for every snapshot or delta, the hosts whose state it changes, and after the page
 * published them, when that frame was painted. Self-contained: Playwright sends its source. No
 * named inner functions: tsx (esbuild keepNames) would wrap them in a `__name` helper the page lacks.
 */
const INIT = () => {
  const bench: BenchRecord = { shown: [] };
  window.__fleetscopeBench = bench;
  let changed: [string, string][] = [];
  let firstHosts: number | undefined;
  const probe: StreamProbe = {
    beforeFold(message, index) {
      if (message.event === 'snapshot') {
        // The first snapshot is the first render; one after a reconnect can carry changes too.
        if (!bench.firstRender) return void (firstHosts = message.data.hosts.length);
        const keys = new Set<string>();
        for (const h of message.data.hosts) {
          const key = `${h.namespace}/${h.name}`;
          keys.add(key);
          if (index.get(key)?.state !== h.state) changed.push([key, h.state]);
        }
        for (const h of index.list()) if (!keys.has(`${h.namespace}/${h.name}`)) changed.push([`${h.namespace}/${h.name}`, 'deleted']);
      } else if (message.event === 'delta') {
        for (const h of [...message.data.upserts, ...(message.data.patches ?? [])]) {
          const key = `${h.namespace}/${h.name}`;
          if (h.state !== undefined && index.get(key)?.state !== h.state) changed.push([key, h.state]);
        }
        for (const d of message.data.deletes) changed.push([`${d.namespace}/${d.name}`, 'deleted']);
      }
    },
    afterPublish() {
      const painted = changed;
      const hosts = firstHosts;
      changed = [];
      firstHosts = undefined;
      if (painted.length === 0 && hosts === undefined) return;
      // The next frame, i.e. once what was just published is painted.
      requestAnimationFrame(() =>
        setTimeout(() => {
          const at = performance.timeOrigin + performance.now();
          if (hosts !== undefined) bench.firstRender ??= { hosts, at };
          for (const [k, state] of painted) bench.shown.push([k, state, at]);
        }, 0),
      );
    },
  };
  window.__fleetscopeProbe = probe;
  const tasks: number[] = [];
  (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
};

export class BrowserWatch {
  readonly log = new TransitionLog();
  private browser?: Browser;
  private page?: Page;
  private collecting: Promise<void> = Promise.resolve();

  constructor(
    private readonly dashboard: string,
    private readonly executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  ) {}

  async start(): Promise<void> {
    this.browser = await chromium.launch({ executablePath: this.executablePath, args: ARGS });
    this.page = await this.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await this.page.addInitScript(INIT);
    await this.page.goto(this.dashboard);
    await this.page.waitForFunction(() => window.__fleetscopeBench?.firstRender !== undefined);
  }

  /**
   * Pulls what the page recorded since the last call. The page's list is drained (kept small),
   * and calls run one after another: the progress timer and the phase's wait both call this,
   * and two overlapping reads once made the page look as if it had missed ~1 % of transitions.
   */
  collect(): Promise<void> {
    this.collecting = this.collecting.then(() => this.drain()).catch(() => {});
    return this.collecting;
  }

  private async drain(): Promise<void> {
    if (!this.page) return;
    const shown = await this.page.evaluate(() => window.__fleetscopeBench!.shown.splice(0));
    for (const [key, state, at] of shown) {
      this.log.note(key, state, at);
      if (state === 'deleted') this.log.forget(key);
    }
  }

  async longTasks(): Promise<number[]> {
    return this.page ? this.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks) : [];
  }

  async heapBytes(): Promise<number> {
    if (!this.page) return NaN;
    const session = await this.page.context().newCDPSession(this.page);
    const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
    await session.detach();
    return usedSize;
  }

  /**
   * A new tab opens the dashboard: milliseconds from navigation to the fleet on screen, and the
   * hosts it showed; `steps` says where the time went (ms since navigation at each of the page's
   * marks: stream-open, snapshot-received, snapshot-parsed, snapshot-indexed, snapshot-published).
   */
  async firstRender(): Promise<{ ms: number; hosts: number; steps?: Record<string, number> }> {
    const page = await this.browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(INIT);
    await page.goto(this.dashboard);
    const result = await page.waitForFunction(
      () => {
        const first = window.__fleetscopeBench?.firstRender;
        return first ? { ms: first.at - performance.timeOrigin, hosts: first.hosts } : undefined;
      },
      undefined,
      { timeout: 120_000 },
    );
    const value = (await result.jsonValue()) as { ms: number; hosts: number };
    const steps = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('fleetscope:'))
          .map((m) => [m.name.slice('fleetscope:'.length), Math.round(m.startTime)]),
      ),
    );
    await page.close();
    return { ...value, steps };
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }
}
