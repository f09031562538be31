import { expect, test } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectl, startClusterProcess, type ClusterProcess } from '../lib/testing/cluster-process';
import { startDashboardProcess, type DashboardProcess } from '../lib/testing/dashboard-process';
import { startTcpProxy, type TcpProxy } from '../lib/testing/tcp-proxy';
import { emptyFleet, FleetPage } from './pages/fleet-page';

const key = (h: { namespace: string; name: string; state: string }) => `${h.namespace}/${h.name} ${h.state}`;

/** '' when the page holds exactly the expected hosts; otherwise what differs (for the failure message). */
function difference(shown: string[], expected: string[]): string {
  const want = new Set(expected);
  const have = new Set(shown);
  const missing = expected.filter((k) => !have.has(k));
  const extra = shown.filter((k) => !want.has(k));
  const duplicates = shown.length - have.size;
  if (!missing.length && !extra.length && !duplicates) return '';
  return `${shown.length} shown vs ${expected.length} expected; ${duplicates} duplicates; missing ${missing.length} (${missing.slice(0, 3).join(', ')}); extra ${extra.length} (${extra.slice(0, 3).join(', ')})`;
}

test.describe('faults', () => {
  let proxy: TcpProxy | undefined;
  let cluster: ClusterProcess | undefined;
  let dashboard: DashboardProcess | undefined;
  test.afterEach(async () => {
    await proxy?.close();
    await dashboard?.stop();
    await cluster?.stop();
    proxy = undefined;
    dashboard = undefined;
    cluster = undefined;
  });

  test('the stream is cut again and again during a storm: the page converges exactly', async ({ page, request }) => {
    await emptyFleet(request);
    proxy = await startTcpProxy(Number(new URL(test.info().project.use.baseURL!).port));
    const fleet = new FleetPage(page);
    await fleet.open(`http://127.0.0.1:${proxy.port}/`);
    expect((await request.post('/api/hosts', { data: { count: 300, prefix: 'cut', namespace: 'cuts' } })).status()).toBe(202);
    const cutter = setInterval(() => proxy!.cut(), 400);
    await expect
      .poll(async () => ((await (await request.get('/api/hosts')).json()) as { counts: { byState: Record<string, number> } }).counts.byState.available ?? 0, {
        timeout: 120_000,
      })
      .toBe(300);
    await request.post('/api/hosts/actions', { data: { action: 'provision', where: { namespace: 'cuts', limit: 150 } } });
    // The browser reconnects about 2 s after each cut (the stream's `retry`): keep cutting for a while.
    await expect.poll(() => proxy!.cuts, { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    clearInterval(cutter);
    await expect
      .poll(async () => ((await (await request.get('/api/hosts')).json()) as { counts: { byState: Record<string, number> } }).counts.byState.provisioned ?? 0, {
        timeout: 120_000,
      })
      .toBe(150);
    // The page ends up holding exactly the fleet: no duplicates, none missing, every state right.
    await expect
      .poll(
        async () => {
          const api = (await (await request.get('/api/hosts')).json()) as { hosts: { namespace: string; name: string; state: string }[] };
          return difference((await fleet.hostsInPage()).map(key), api.hosts.map(key));
        },
        { timeout: 30_000 },
      )
      .toBe('');
  });

  test('the cluster is killed and restarted mid-storm: the page shows it, reconnects by itself and converges exactly', async ({ page }) => {
    const data = join(process.cwd(), 'test-results/e2e-data/kill');
    await rm(data, { recursive: true, force: true });
    const env = { FLEET_API_PORT: '16546', FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' };
    cluster = await startClusterProcess(env, data);
    dashboard = await startDashboardProcess(3106, { FLEET_KUBECONFIG: cluster.kubeconfig });
    const fleet = new FleetPage(page);
    await fleet.open(dashboard.url);
    const create = await page.request.post(`${dashboard.url}/api/hosts`, { data: { count: 200, prefix: 'kill', namespace: 'kill' } });
    expect(create.status()).toBe(202);
    await expect.poll(async () => Number(await fleet.count('total').textContent()), { timeout: 60_000 }).toBeGreaterThan(50);
    // Once some hosts are saved (the cluster saves every few seconds), while the twin still works on them.
    const savedHosts = async () => ((await readFile(join(data, 'state.jsonl'), 'utf8').catch(() => '')).match(/"kind":"BareMetalHost"/g) ?? []).length;
    await expect.poll(savedHosts, { timeout: 30_000 }).toBeGreaterThan(20);

    // Mid-storm: no goodbye, no last save.
    await cluster.kill();
    await expect(page.getByTestId('disconnected-banner')).toBeVisible({ timeout: 30_000 });
    cluster = await startClusterProcess(env, data);
    await expect(page.getByTestId('disconnected-banner')).toBeHidden({ timeout: 60_000 });

    // Whatever the restarted cluster holds (its last save), the page shows exactly that.
    const inCluster = () => {
      const out = kubectl(cluster!.kubeconfig, [
        'get',
        'bmh',
        '-A',
        '--no-headers',
        '-o',
        'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,STATE:.status.provisioning.state',
      ]);
      return out.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [ns, name, ...state] = l.trim().split(/\s+/);
          return `${ns}/${name} ${state.join(' ') === '<none>' ? 'none' : state.join(' ')}`;
        })
        .sort();
    };
    await expect.poll(async () => difference((await fleet.hostsInPage()).map(key), inCluster()), { timeout: 60_000 }).toBe('');
    expect((await fleet.hostsInPage()).length).toBeGreaterThan(0);
  });
});
