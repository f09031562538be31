import { expect, type Locator, type Page } from '@playwright/test';

/** One host's page: timeline, status, events. */
export class HostPage {
  constructor(readonly page: Page) {}

  async open(namespace: string, name: string): Promise<void> {
    await this.page.goto(`/hosts/${namespace}/${name}`);
    await expect(this.page.getByTestId('host-title')).toHaveText(`${namespace}/${name}`);
  }

  get state(): Locator {
    return this.page.getByTestId('host-state');
  }

  /** The operations drawn on the timeline, in the order they appear. */
  async phases(): Promise<string[]> {
    return this.page.getByTestId('timeline-phase').evaluateAll((els) => els.map((el) => el.getAttribute('data-phase') ?? ''));
  }

  /** The observed transitions, as "from → to" texts, oldest first. */
  async transitions(): Promise<string[]> {
    return this.page.getByTestId('host-transitions').locator('li > span:nth-child(2)').allTextContents();
  }

  events(): Locator {
    return this.page.getByTestId('host-events').locator('tbody tr');
  }

  get yaml(): Locator {
    return this.page.getByTestId('host-yaml');
  }

  get error(): Locator {
    return this.page.getByTestId('host-error');
  }

  /** The operations drawn as failed on the timeline. */
  failedPhases(): Locator {
    return this.page.locator('[data-testid="timeline-phase"][data-failed="true"]');
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
