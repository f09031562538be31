import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

const slug = (state: string) => state.replace(/\s+/g, '-');

/** The fleet overview, as a user drives it. */
export class FleetPage {
  constructor(readonly page: Page) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.connection).toHaveText('live');
  }

  get connection(): Locator {
    return this.page.getByTestId('connection-status');
  }

  count(state: string): Locator {
    return this.page.getByTestId(`count-${slug(state)}`);
  }

  async expectCount(state: string, n: number): Promise<void> {
    await expect(this.count(state)).toHaveText(String(n));
  }

  async createHosts(n: number): Promise<void> {
    await this.page.getByTestId('create-count').fill(String(n));
    await this.page.getByTestId('create-submit').click();
  }

  /** Provision all available, confirmed in its dialog (with the default image). */
  async provisionAllAvailable(): Promise<void> {
    await this.page.getByTestId('provision-all').click();
    await this.confirmProvision();
  }

  async deprovisionAllProvisioned(): Promise<void> {
    await this.page.getByTestId('deprovision-all').click();
    await this.confirm();
  }

  get dialog(): Locator {
    return this.page.getByTestId('action-dialog');
  }

  /** Confirms the open action dialog, typing the host count where it asks for it; waits until the server took the job. */
  async confirm(): Promise<void> {
    await expect(this.dialog).toBeVisible();
    const typed = this.dialog.getByTestId('confirm-count');
    if (await typed.count()) await typed.fill((await typed.getAttribute('data-expected')) ?? '');
    await this.dialog.getByTestId('confirm-action').click();
    await expect(this.dialog).toHaveCount(0);
  }

  async confirmProvision(count?: number): Promise<void> {
    await expect(this.dialog).toBeVisible();
    if (count !== undefined) await this.page.getByTestId('provision-count').fill(String(count));
    await this.page.getByTestId('confirm-provision').click();
    await expect(this.dialog).toHaveCount(0);
  }

  rows(): Locator {
    return this.page.getByTestId('host-row');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="host-row"][data-host$="/${name}"]`);
  }

  /** The hosts the page holds (from its stream cache), for exact comparisons with the API. */
  async hostsInPage(): Promise<{ namespace: string; name: string; state: string }[]> {
    return this.page.evaluate(() => (window.__fleetscope?.hosts() ?? []).map((h) => ({ namespace: h.namespace, name: h.name, state: h.state })));
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('filter-text').fill(text);
    if (text) await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}(&|$)`));
    else await expect(this.page).not.toHaveURL(/[?&]q=/);
  }

  async filterState(state: string): Promise<void> {
    await this.count(state).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]state=${encodeURIComponent(state).replace(/%20/g, '(\\+|%20)')}`));
  }

  rowCount(): Locator {
    return this.page.getByTestId('row-count');
  }

  /**
   * Runs a bulk action on the selection or the filtered hosts, confirming when it asks (its
   * button says so in data-confirm); `count` provisions only the first that many of them.
   */
  async bulk(action: string, count?: number): Promise<void> {
    const button = this.page.getByTestId(`bulk-${action}`).first();
    const asks = (await button.getAttribute('data-confirm')) === 'true';
    await button.click();
    if (action === 'provision') await this.confirmProvision(count);
    else if (asks) await this.confirm();
  }

  async selectRow(name: string): Promise<void> {
    await this.row(name).getByRole('checkbox').check();
  }

  async screenshot(name: string): Promise<string> {
    const path = `test-results/screenshots/${name}.png`;
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/** Deletes every host through the dashboard's API and waits until the fleet is empty. */
export async function emptyFleet(request: APIRequestContext, baseURL?: string): Promise<void> {
  const base = baseURL ?? '';
  const answer = await request.post(`${base}/api/hosts/actions`, { data: { action: 'delete', where: {} } });
  expect(answer.status()).toBe(202);
  await expect.poll(async () => ((await (await request.get(`${base}/api/hosts`)).json()) as { hosts: unknown[] }).hosts.length, { timeout: 60_000 }).toBe(0);
}
