/**
 * The page in Chromium: when each host's new state was painted, the longest main-thread tasks
 * (PerformanceObserver `longtask`), the JS heap, and how long a fresh page takes to show a big fleet.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { TransitionLog } from '../stats';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'];

const INIT = () => {
  window.__fleetscopeBench = { shown: [] };
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

  constructor(private readonly dashboard: string, private readonly executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {}

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

  /** A new tab opens the dashboard: milliseconds from navigation to the fleet on screen, and the hosts it showed. */
  async firstRender(): Promise<{ ms: number; hosts: number }> {
    const page = await this.browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(INIT);
    await page.goto(this.dashboard);
    const result = await page.waitForFunction(() => {
      const first = window.__fleetscopeBench?.firstRender;
      return first ? { ms: first.at - performance.timeOrigin, hosts: first.hosts } : undefined;
    }, undefined, { timeout: 120_000 });
    const value = (await result.jsonValue()) as { ms: number; hosts: number };
    await page.close();
    return value;
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }
}
