import { expect, test } from '@playwright/test';
import { emptyFleet, FleetPage } from './pages/fleet-page';
import { HostPage } from './pages/host-page';

test.beforeEach(async ({ request }) => emptyFleet(request));

test("a host's timeline shows its phases in order", async ({ page, request }, testInfo) => {
  const fleet = new FleetPage(page);
  await request.post('/api/hosts', { data: { count: 1, prefix: 'tl', namespace: 'timeline' } });
  await fleet.open();
  await fleet.expectCount('available', 1);
  await request.post('/api/hosts/actions', { data: { action: 'provision', hosts: [{ namespace: 'timeline', name: 'tl-0' }] } });
  await fleet.expectCount('provisioned', 1);
  await request.post('/api/hosts/actions', { data: { action: 'deprovision', hosts: [{ namespace: 'timeline', name: 'tl-0' }] } });
  await fleet.expectCount('available', 1);

  // From the table to the host page, as a user would.
  await fleet.row('tl-0').getByRole('link', { name: 'tl-0' }).click();
  const host = new HostPage(page);
  await expect(page.getByTestId('host-title')).toHaveText('timeline/tl-0');
  await expect(host.state).toContainText('available');
  await expect.poll(() => host.phases()).toEqual(['register', 'inspect', 'provision', 'deprovision']);
  const states = await host.transitions();
  const order = [
    'none → registering',
    'registering → inspecting',
    'inspecting → preparing',
    'preparing → available',
    'available → provisioning',
    'provisioning → provisioned',
    'provisioned → deprovisioning',
    'deprovisioning → available',
  ];
  expect(states.filter((s) => order.includes(s))).toEqual(order);
  await expect(host.events().filter({ hasText: 'ProvisioningComplete' })).toHaveCount(1);
  await testInfo.attach('host-page', { path: await fleet.screenshot('06-host-timeline'), contentType: 'image/png' });
});
