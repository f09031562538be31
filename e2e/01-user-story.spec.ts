import { expect, test } from '@playwright/test';
import { emptyFleet, FleetPage } from './pages/fleet-page';

test.beforeEach(async ({ request }) => emptyFleet(request));

test('create 10 hosts, watch them become available, provision all, deprovision all, delete them', async ({ page }, testInfo) => {
  const fleet = new FleetPage(page);
  await fleet.open();
  await fleet.expectCount('total', 0);
  await expect(page.getByTestId('host-table-empty')).toContainText('No BareMetalHosts yet');

  await fleet.createHosts(10);
  await fleet.expectCount('total', 10);
  await fleet.expectCount('available', 10);
  await expect(fleet.rows()).toHaveCount(10);
  await expect(page.getByTestId('job').first()).toHaveAttribute('data-state', 'succeeded');
  await testInfo.attach('available', { path: await fleet.screenshot('01-ten-available'), contentType: 'image/png' });

  await fleet.provisionAllAvailable();
  await fleet.expectCount('provisioned', 10);
  await fleet.expectCount('available', 0);
  await testInfo.attach('provisioned', { path: await fleet.screenshot('02-ten-provisioned'), contentType: 'image/png' });

  await fleet.deprovisionAllProvisioned();
  await fleet.expectCount('available', 10);
  await fleet.expectCount('provisioned', 0);
  await testInfo.attach('deprovisioned', { path: await fleet.screenshot('03-available-again'), contentType: 'image/png' });

  // What the page holds is exactly what the API says the fleet is.
  const api = (await (await page.request.get('/api/hosts')).json()) as { hosts: { namespace: string; name: string; state: string }[] };
  const key = (h: { namespace: string; name: string; state: string }) => `${h.namespace}/${h.name}:${h.state}`;
  expect((await fleet.hostsInPage()).map(key).sort()).toEqual(api.hosts.map(key).sort());

  await page.getByRole('checkbox', { name: 'Select all shown hosts' }).check();
  await fleet.bulk('delete');
  await fleet.expectCount('total', 0);
  await testInfo.attach('deleted', { path: await fleet.screenshot('04-deleted'), contentType: 'image/png' });
});
