import { expect, test, type Page } from '@playwright/test';
import { kubectl } from '../lib/testing/cluster-process';
import { E2E } from '../playwright.config';
import { expectAccessible } from './axe';
import { emptyFleet, FleetPage } from './pages/fleet-page';
import { HostPage } from './pages/host-page';

/** Issue 13, as a person meets it: the page at three widths, dialogs, jobs, errors, the host page, the network. */
test.beforeEach(async ({ request }) => emptyFleet(request));
// Long stories on a shared machine: each waits for the twin, never on a clock.
test.describe.configure({ timeout: 300_000 });

async function createAvailable(page: Page, fleet: FleetPage, n: number, namespace = 'metal3') {
  expect((await page.request.post('/api/hosts', { data: { count: n, namespace } })).status()).toBe(202);
  await expect
    .poll(
      async () => ((await (await page.request.get('/api/hosts')).json()) as { counts: { byState: Record<string, number> } }).counts.byState.available ?? 0,
      { timeout: 60_000 },
    )
    .toBe(n);
  await fleet.expectCount('available', n);
}

const tileGroup = (page: Page) => page.getByRole('group', { name: /Hosts by state/ });
const tiles = (page: Page) => tileGroup(page).getByRole('button');
/** Where the error badge sits among the tiles (the header above may change height by a pixel). */
async function errorTilePlace(page: Page) {
  const [tile, group] = [await page.getByTestId('count-error').locator('..').boundingBox(), await tileGroup(page).boundingBox()];
  return { x: tile!.x - group!.x, y: tile!.y - group!.y };
}

test('the fleet and its table come first at 1440×900; tiles stay put; the page works at 800 and 390 px', async ({ page }) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  const tileCount = await tiles(page).count();
  const errorTile = await errorTilePlace(page);
  await createAvailable(page, fleet, 24);
  // A host in a state without a tile of its own (no BMC: unmanaged) does not add or move tiles.
  const unmanaged = { apiVersion: 'metal3.io/v1alpha1', kind: 'BareMetalHost', metadata: { name: 'no-bmc', namespace: 'metal3' }, spec: { online: false } };
  expect(kubectl(E2E.embeddedKubeconfig, ['apply', '-f', '-'], JSON.stringify(unmanaged)).status).toBe(0);
  await fleet.expectCount('total', 25);
  await expect(page.getByTestId('count-other')).toHaveText('1');
  expect(await tiles(page).count()).toBe(tileCount);
  expect(await errorTilePlace(page)).toEqual(errorTile);

  // At 1440×900 the table's first rows are on screen without scrolling, and a tile filters them in view.
  await expect(fleet.rows().first()).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/fleet-1440.png' });
  await fleet.filterState('available');
  await expect(fleet.rowCount()).toHaveText('24 of 25 hosts');
  await expect(fleet.rows().first()).toBeInViewport();
  await expect(page.getByRole('heading', { name: 'Hosts per state' })).toBeVisible();
  await expectAccessible(page);

  for (const [width, name] of [
    [800, 'fleet-800'],
    [390, 'fleet-390'],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await expect(fleet.rows().first()).toBeVisible();
    // Nothing wider than the window once the table has laid out for it (it re-renders on its own
    // schedule, lib/client throttling): no column is cut off, those that do not fit are named.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // On a phone the tiles come first: scroll down to the table, as a person would.
    await page.getByRole('columnheader', { name: 'Name' }).scrollIntoViewIfNeeded();
    await expect(page.getByRole('columnheader', { name: 'Name' })).toBeInViewport();
    await expect(page.getByRole('columnheader', { name: 'State' })).toBeInViewport();
    if (width === 800) await expect(page.getByRole('columnheader', { name: 'BMC' })).toBeInViewport();
    else await expect(page.getByTestId('hidden-columns')).toContainText('BMC');
    await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
});

test('bulk actions ask first; the provision dialog takes what BMO takes; delete wants the count typed; jobs mean done and survive a reload', async ({
  page,
}) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  await createAvailable(page, fleet, 8);
  await page.getByRole('checkbox', { name: 'Select all shown hosts' }).check();

  // Power on 8 hosts: more than a handful, so it asks, and says what happens.
  await expect(page.getByTestId('bulk-power-on')).toHaveAttribute('data-confirm', 'true');
  await page.getByTestId('bulk-reboot').click();
  await expect(fleet.dialog).toBeVisible();
  await expect(fleet.dialog.getByRole('heading')).toHaveText('Reboot 8 hosts?');
  await expect(fleet.dialog.getByTestId('action-effect')).toHaveText('8 hosts are rebooted. What runs on them restarts.');
  await page.keyboard.press('Escape');
  await expect(fleet.dialog).toHaveCount(0);

  // Provision: BMO's webhook refuses a file:// URL; made-up-checksum is fine.
  await page.getByTestId('bulk-provision').click();
  await page.getByTestId('provision-url').fill('file:///images/cirros.img');
  await page.getByTestId('provision-checksum').fill('made-up-checksum');
  await expect(page.getByTestId('image-problems')).toContainText('invalid scheme in URL, "file" not allowed');
  await expect(page.getByTestId('confirm-provision')).toBeDisabled();
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/dialog-provision-refused.png' });
  await page.getByTestId('provision-url').fill('http://192.168.222.1/cirros-0.6.2-x86_64-disk.img');
  await expect(page.getByTestId('image-problems')).toHaveCount(0);
  await expect(page.getByTestId('provision-checksum')).toHaveValue('made-up-checksum');
  await fleet.confirmProvision();
  await fleet.expectCount('provisioned', 8);

  // The job counts hosts that reached "provisioned", not writes; it is still there after a reload.
  const job = page.getByTestId('job').first();
  await expect(job).toHaveAttribute('data-state', 'succeeded');
  await expect(job.getByTestId('job-reached')).toHaveText('8');
  await expect(job).toContainText('provision → provisioned');
  const id = await job.getAttribute('data-job');
  await page.screenshot({ path: 'test-results/screenshots/jobs-after-provision.png' });
  await page.reload();
  await expect(fleet.connection).toHaveText('live');
  await expect(page.locator(`[data-testid="job"][data-job="${id}"]`)).toHaveAttribute('data-state', 'succeeded');

  // Delete: the count typed back before the button works.
  await page.getByRole('checkbox', { name: 'Select all shown hosts' }).check();
  await page.getByTestId('bulk-delete').click();
  await expect(fleet.dialog.getByTestId('confirm-action')).toBeDisabled();
  await fleet.dialog.getByTestId('confirm-count').fill('7');
  await expect(fleet.dialog.getByTestId('confirm-action')).toBeDisabled();
  await fleet.dialog.getByTestId('confirm-count').fill('8');
  await expectAccessible(page);
  await page.screenshot({ path: 'test-results/screenshots/dialog-delete.png' });
  await fleet.dialog.getByTestId('confirm-action').click();
  await fleet.expectCount('total', 0);
});

test("a host's error is readable by keyboard in the table and on its page; the failed operation is failed on the timeline", async ({ page, request }) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  await createAvailable(page, fleet, 1, 'broken');
  expect((await request.put('/api/simulator', { data: { failureRates: { provision: 1 } } })).status()).toBe(200);
  try {
    expect((await request.post('/api/hosts/actions', { data: { action: 'provision', where: { namespace: 'broken' } } })).status()).toBe(202);
    await fleet.expectCount('error', 1);
    const button = fleet.rows().first().getByTestId('error-button');
    await button.focus();
    await page.keyboard.press('Enter');
    const message = page.getByTestId('error-message');
    await expect(message).toBeVisible();
    await expect(message).not.toHaveText('');
    await page.screenshot({ path: 'test-results/screenshots/table-error-open.png' });
    await expect(message).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(message).toBeHidden();

    await fleet.rows().first().getByRole('link').first().click();
    const host = new HostPage(page);
    await expect(host.error).toBeVisible();
    await expect(host.failedPhases()).toHaveCount(1);
    await expect(page.getByTestId('timeline-failure')).toContainText('provision failed');
    await expect(host.yaml).toContainText('kind: BareMetalHost');
    await expect(host.yaml).not.toContainText('managedFields');
    await expectAccessible(page);
    await host.screenshot('host-page-error');
  } finally {
    await request.put('/api/simulator', { data: { failureRates: { provision: 0 } } });
  }
});

test('host links fetch their page on intent only, not as rows scroll by', async ({ page }) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  expect((await page.request.post('/api/hosts', { data: { count: 1000, namespace: 'scroll' } })).status()).toBe(202);
  await expect(fleet.count('total')).toHaveText('1000', { timeout: 120_000 });
  const hostRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/hosts/')) hostRequests.push(r.url());
  });
  const body = page.getByTestId('host-table-body');
  // Down through all 1,000 rows (32 px each) a screenful at a time.
  for (let i = 0; i < 24; i++) {
    await body.evaluate((el) => (el.scrollTop += 1400));
    await page.waitForTimeout(100);
  }
  await expect(fleet.row('worker-999')).toBeVisible();
  await page.waitForTimeout(1000);
  expect(hostRequests, 'requests for host pages while scrolling').toEqual([]);
  await fleet.rows().last().getByRole('link').first().hover();
  await expect.poll(() => hostRequests.length).toBeGreaterThan(0);
});
