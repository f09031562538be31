import { expect, test } from '@playwright/test';
import { emptyFleet, FleetPage } from './pages/fleet-page';

test.beforeEach(async ({ request }) => emptyFleet(request));

test('a filter in the URL, and a bulk provision of exactly the filtered hosts', async ({ page, request }, testInfo) => {
  const fleet = new FleetPage(page);
  expect((await request.post('/api/hosts', { data: { count: 20, prefix: 'fb', namespace: 'filters' } })).status()).toBe(202);
  await fleet.open();
  await fleet.expectCount('available', 20);

  await fleet.search('fb-1');
  // fb-1 and fb-10 … fb-19
  await expect(fleet.rowCount()).toHaveText('11 of 20 hosts');
  await expect(fleet.rows()).toHaveCount(11);

  // The view is shareable: a fresh page with the same URL shows the same rows.
  await page.reload();
  await expect(fleet.rowCount()).toHaveText('11 of 20 hosts');

  await fleet.bulk('provision');
  await fleet.expectCount('provisioned', 11);
  await fleet.expectCount('available', 9);
  await testInfo.attach('filtered-provision', { path: await fleet.screenshot('05-filtered-provision'), contentType: 'image/png' });

  const api = (await (await request.get('/api/hosts')).json()) as { hosts: { name: string; state: string }[] };
  const provisioned = api.hosts
    .filter((h) => h.state === 'provisioned')
    .map((h) => h.name)
    .sort();
  expect(provisioned).toEqual(['fb-1', ...Array.from({ length: 10 }, (_, i) => `fb-1${i}`)].sort());

  // A state tile filters too.
  await fleet.search('');
  await fleet.filterState('available');
  await expect(fleet.rowCount()).toHaveText('9 of 20 hosts');

  // Part of a filter: the first 4 available hosts in the table's order (by name).
  await fleet.bulk('provision', 4);
  await fleet.expectCount('provisioned', 15);
  await fleet.expectCount('available', 5);
  const after = (await (await request.get('/api/hosts')).json()) as { hosts: { name: string; state: string }[] };
  const available = after.hosts
    .filter((h) => h.state === 'available')
    .map((h) => h.name)
    .sort();
  expect(available).toEqual(['fb-5', 'fb-6', 'fb-7', 'fb-8', 'fb-9']);
});
