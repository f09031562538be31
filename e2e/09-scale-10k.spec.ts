import { expect, test } from '@playwright/test';
import { emptyFleet, FleetPage } from './pages/fleet-page';

// Runs last: it leaves 10,000 hosts behind.
test('a 10,000-host fleet scrolls and filters without errors', async ({ page, request }, testInfo) => {
  test.setTimeout(600_000);
  await emptyFleet(request);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // The twin at full speed and without Events, so 10,000 hosts settle quickly.
  expect((await request.put('/api/simulator', { data: { profile: 'instant', events: false } })).status()).toBe(200);
  expect((await request.post('/api/hosts', { data: { count: 10_000, prefix: 'big', namespace: 'scale' } })).status()).toBe(202);

  const fleet = new FleetPage(page);
  await fleet.open();
  await expect(fleet.count('total')).toHaveText('10000', { timeout: 300_000 });
  await expect(fleet.count('available')).toHaveText('10000', { timeout: 300_000 });
  await expect(fleet.rowCount()).toHaveText('10,000 of 10,000 hosts');
  // Virtualized: a few dozen rows exist, not ten thousand.
  expect(await fleet.rows().count()).toBeLessThan(100);

  const body = page.getByTestId('host-table-body');
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(fleet.row('big-9999')).toBeVisible();
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(fleet.rows().first()).toBeVisible();

  await fleet.search('big-12');
  // big-12, big-120…129, big-1200…1299
  await expect(fleet.rowCount()).toHaveText('111 of 10,000 hosts');
  await fleet.search('');
  await fleet.filterState('available');
  await expect(fleet.rowCount()).toHaveText('10,000 of 10,000 hosts');
  await testInfo.attach('10k', { path: await fleet.screenshot('09-ten-thousand'), contentType: 'image/png' });
  expect(errors).toEqual([]);
});
