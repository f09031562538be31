/**
 * Faults the dashboard must survive, each ending with the fleet as shown compared host for host
 * with the cluster: API errors and timeouts during jobs, watch compaction (410 Gone), a stalled
 * stream client, and the twin stopping and starting again mid-storm.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostKey, toHostView, type HostView } from '../bmh/host-view';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { parseEnv } from '../config/env';
import { ApiError } from '../fake-cluster/api-error';
import { secrets } from '../fake-cluster/resources';
import { eventually } from '../testing/cluster';
import { Twin } from '../twin/reconciler';
import { loadKubeconfig } from '../kube/kubeconfig';
import { rawClientFor } from '../kube/raw-from-kubeconfig';
import { settingsFor } from '../twin/settings';
import { limitsFor } from '../twin/limits';
import { createHosts, runHostAction } from './actions';
import { startRuntime, type Runtime } from './runtime';
import { openEventStream } from './stream';
import { startEmbeddedCluster } from '../fake-cluster/cluster';

interface Fault {
  methods: string[];
  path: RegExp;
  status: number;
  rate: number;
}
let fault: Fault | undefined;
let injected = 0;
let rt: Runtime;
let dataDir: string;

function inject(req: IncomingMessage): void {
  if (!fault || !fault.methods.includes(req.method ?? '') || !fault.path.test(req.url ?? '') || Math.random() >= fault.rate) return;
  injected++;
  throw new ApiError(fault.status, fault.status === 504 ? 'Timeout' : 'InternalError', 'injected fault');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-faults-'));
  rt = await startRuntime(parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant', FLEET_LIMITS: 'unlimited' }), {
    inProcess: startEmbeddedCluster,
    cluster: { beforeRequest: inject, log: () => {} },
  });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
});
afterAll(async () => {
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const essence = (h: HostView) => `${hostKey(h)} ${h.uid} ${h.state} ${h.operationalStatus} ${h.poweredOn} ${h.image}`;

/** The dashboard's model is exactly the cluster's list, host for host. */
async function expectModelEqualsCluster(namespace: string): Promise<void> {
  const cluster = (await rt.client.listBmhPage(namespace, 100_000)).items as BareMetalHost[];
  const shown = rt.model.index.list().filter((h) => h.namespace === namespace);
  expect(shown.map(essence).sort()).toEqual(cluster.map((b) => essence(toHostView(b, 0))).sort());
}

const settled = (ns: string) => () =>
  rt.model.index
    .list()
    .filter((h) => h.namespace === ns)
    .every((h) => h.state === 'available' && h.poweredOn && !h.deleting);

describe('faults', () => {
  it('API errors and timeouts during a create job: retried, failures reported, no Secret left without its host', async () => {
    fault = { methods: ['POST'], path: /\/namespaces\/faulty\/(baremetalhosts|secrets)/, status: 503, rate: 0.55 };
    await rt.client.ensureNamespace('faulty');
    const { id } = await createHosts(rt.actions, { count: 120, namespace: 'faulty' });
    const job = await eventually(() => (rt.jobs.get(id)?.state !== 'running' ? rt.jobs.get(id) : undefined), 60_000, 'the job');
    fault = { methods: ['POST'], path: /\/namespaces\/faulty\//, status: 504, rate: 0.3 };
    const { id: id2 } = await createHosts(rt.actions, { count: 40, namespace: 'faulty', prefix: 'slow' });
    const job2 = await eventually(() => (rt.jobs.get(id2)?.state !== 'running' ? rt.jobs.get(id2) : undefined), 60_000, 'the second job');
    fault = undefined;
    expect(injected).toBeGreaterThan(50);
    expect(job.done).toBe(120);
    expect(job.failed).toBeGreaterThan(0);
    expect(job.failed).toBe(job.errors.length);
    expect(job.errors[0]?.message).toMatch(/injected fault/);
    expect(job2.done).toBe(40);
    // Every BMC Secret has its host: none half-made.
    const hosts = new Set((await rt.client.listBmhPage('faulty', 10_000)).items.map((b) => b.metadata.name));
    const orphans = rt
      .cluster!.store.list(secrets, 'faulty')
      .map((s) => s.metadata.name.replace(/-bmc-secret$/, ''))
      .filter((name) => !hosts.has(name));
    expect(orphans).toEqual([]);
    expect(hosts.size).toBe(160 - job.failed - job2.failed);
    await eventually(settled('faulty'), 30_000, 'the hosts to settle');
    await expectModelEqualsCluster('faulty');
  });

  it('watch compaction (410 Gone): the watcher relists and converges', async () => {
    await rt.client.ensureNamespace('gone');
    await createHosts(rt.actions, { count: 30, namespace: 'gone' });
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'gone').length === 30 && settled('gone')(), 30_000, '30 hosts');
    const lists = rt.watch.stats.lists;
    // Watches fail for a while (so the dashboard's falls behind) while the fleet changes and the
    // cluster forgets its history; when they work again the resume gets 410 Gone.
    fault = { methods: ['GET'], path: /watch=true/, status: 503, rate: 1 };
    rt.cluster!.dropWatches();
    runHostAction(rt.actions, { action: 'delete', hosts: Array.from({ length: 5 }, (_, i) => ({ namespace: 'gone', name: `worker-${i}` })) });
    await createHosts(rt.actions, { count: 5, namespace: 'gone', prefix: 'late' });
    await new Promise((r) => setTimeout(r, 500));
    rt.cluster!.store.compact();
    fault = undefined;
    await eventually(() => rt.watch.stats.lists > lists, 20_000, 'a relist');
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'gone').length === 30 && settled('gone')(), 30_000, 'the new fleet');
    await expectModelEqualsCluster('gone');
    expect(rt.watch.stats.gone).toBeGreaterThan(0);
  });

  it('a stalled stream client costs bounded memory and does not hold the others back', async () => {
    await rt.client.ensureNamespace('stall');
    const stalled = openEventStream(rt.hub, undefined, new AbortController().signal, { highWaterMark: 64 * 1024 });
    const reader = stalled.getReader();
    const first = await reader.read(); // the greeting; then it stops reading
    let live = 0;
    const unsubscribe = rt.hub.subscribe(() => live++);
    let published = 0;
    const count = rt.hub.subscribe((m) => (published += m.bytes.length));
    await createHosts(rt.actions, { count: 300, namespace: 'stall' });
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'stall').length === 300 && settled('stall')(), 60_000, 'the storm');
    unsubscribe();
    count();
    expect(live).toBeGreaterThan(5);
    // Drain what the stalled client holds: what it queued before falling behind, then one snapshot.
    let held = first.value?.length ?? 0;
    for (let i = 0; i < 5; i++) {
      const { value } = await Promise.race([reader.read(), new Promise<{ value: undefined }>((r) => setTimeout(() => r({ value: undefined }), 500))]);
      if (!value) break;
      held += value.length;
    }
    const snapshot = rt.hub.snapshot().bytes.length;
    expect(published).toBeGreaterThan(held - snapshot);
    expect(held).toBeLessThanOrEqual(64 * 1024 + snapshot + 256 * 1024);
    await reader.cancel();
    await expectModelEqualsCluster('stall');
  });

  it('the twin stops mid-storm and starts again: hosts resume where they were', async () => {
    await rt.client.ensureNamespace('resume');
    rt.localTwin!.updateSettings(settingsFor('fast', { limits: limitsFor('unlimited') }));
    await createHosts(rt.actions, { count: 80, namespace: 'resume' });
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'resume' && h.state !== 'none').length > 20, 30_000, 'some progress');
    rt.localTwin!.stop();
    const frozen = rt.model.index.list().filter((h) => h.namespace === 'resume' && h.state !== 'available').length;
    expect(frozen).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 500));
    const twin = new Twin({
      api: await rawClientFor<BareMetalHost>(loadKubeconfig(rt.cluster!.kubeconfigPath), METAL3_RESOURCES),
      settings: settingsFor('fast', { limits: limitsFor('unlimited') }),
    });
    twin.start();
    try {
      await eventually(
        () => rt.model.index.list().filter((h) => h.namespace === 'resume').length === 80 && settled('resume')(),
        60_000,
        'every host available',
      );
      await expectModelEqualsCluster('resume');
    } finally {
      twin.stop();
    }
  });
});
