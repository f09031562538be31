import { expect, type Locator, type Page } from '@playwright/test';

/** The Runs pages (/runs, /runs/{id}, /runs/compare), as a user drives them. */
export class RunsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/runs');
    await expect(this.page.getByTestId('run-start')).toBeVisible();
  }

  async choosePreset(file: string): Promise<void> {
    await this.page.getByTestId(`preset-${file}`).click();
  }

  async setLimits(value: '' | 'bmo' | 'tuned' | 'unlimited'): Promise<void> {
    await this.page.getByTestId('run-limits').selectOption(value);
  }

  scenario(): Locator {
    return this.page.getByTestId('run-scenario');
  }

  /** Starts the run and waits for its page; returns its id. */
  async start(): Promise<string> {
    await this.page.getByTestId('run-start').click();
    await this.page.waitForURL(/\/runs\/\d{8}-\d{6}-[0-9a-f]{4}$/);
    return this.page.url().split('/').pop()!;
  }

  detail(): Locator {
    return this.page.getByTestId('run-detail');
  }

  phase(name: string): Locator {
    return this.page.locator(`[data-testid="phase-progress"][data-phase="${name}"]`);
  }

  async waitForEnd(status = 'passed'): Promise<void> {
    await expect(this.detail()).toHaveAttribute('data-status', status, { timeout: 120_000 });
  }

  async compare(ids: string[]): Promise<void> {
    await this.open();
    for (const id of ids) await this.page.locator(`[data-testid="run-row"][data-run="${id}"]`).getByTestId('run-pick').check();
    await this.page.getByTestId('compare-link').click();
    await expect(this.page.getByTestId('compare-table')).toBeVisible();
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
