import { expect, test } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectl, startClusterProcess, type ClusterProcess } from '../lib/testing/cluster-process';
import { startDashboardProcess, type DashboardProcess } from '../lib/testing/dashboard-process';
import { FleetPage } from './pages/fleet-page';
import { seedHostYaml } from '../lib/testing/seed';

const DATA = join(process.cwd(), 'test-results/e2e-data/restart');
const CLUSTER_PORT = '16545';
const DASHBOARD_PORT = 3105;

let cluster: ClusterProcess | undefined;
let dashboard: DashboardProcess | undefined;
test.afterAll(async () => {
  await dashboard?.stop();
  await cluster?.stop();
});

const seed = (i: number) => seedHostYaml(`r-${i}`, `ipmi://192.168.60.${i}:623`);

test('the cluster goes away and comes back: the banner shows, then the page recovers exact counts', async ({ page }, testInfo) => {
  await rm(DATA, { recursive: true, force: true });
  const env = { FLEET_API_PORT: CLUSTER_PORT, FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' };
  cluster = await startClusterProcess(env, DATA);
  dashboard = await startDashboardProcess(DASHBOARD_PORT, { FLEET_KUBECONFIG: cluster.kubeconfig });
  const k = (args: string[], input?: string) => kubectl(cluster!.kubeconfig, args, input);
  expect(k(['create', 'namespace', 'restart']).status).toBe(0);
  expect(k(['apply', '-n', 'restart', '-f', '-'], Array.from({ length: 10 }, (_, i) => seed(i + 1)).join('---\n')).status).toBe(0);

  const fleet = new FleetPage(page);
  await fleet.open(dashboard.url);
  await fleet.expectCount('available', 10);

  // Stop the cluster: the page must say it may be out of date.
  await cluster.stop();
  await expect(page.getByTestId('disconnected-banner')).toBeVisible();
  await expect(fleet.connection).toHaveText('reconnecting');
  await testInfo.attach('disconnected', { path: await fleet.screenshot('07-cluster-down'), contentType: 'image/png' });

  // Start it again from its saved state; change the fleet right away.
  cluster = await startClusterProcess(env, DATA);
  const deleted = k(['delete', 'bmh', 'r-1', 'r-2', '-n', 'restart']);
  expect(deleted.status, `${deleted.stderr}\n${cluster.output()}`).toBe(0);
  await expect(page.getByTestId('disconnected-banner')).toBeHidden({ timeout: 60_000 });
  await expect(fleet.connection).toHaveText('live');
  await fleet.expectCount('total', 8);
  await fleet.expectCount('available', 8);
  const names = k(['get', 'bmh', '-n', 'restart', '-o', 'jsonpath={.items[*].metadata.name}']).stdout.split(' ').sort();
  expect((await fleet.hostsInPage()).map((h) => h.name).sort()).toEqual(names);
  await testInfo.attach('recovered', { path: await fleet.screenshot('08-recovered'), contentType: 'image/png' });
});
