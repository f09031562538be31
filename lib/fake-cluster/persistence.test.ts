import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster';
import { bareMetalHosts } from './resources';
import { bmhManifest } from '../testing/cluster';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { KubeClient } from '../kube/client';
import { loadKubeconfig } from '../kube/kubeconfig';

let dir: string;
let cluster: EmbeddedCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});
const quiet = { log: () => {} };

describe('the embedded cluster on disk', () => {
  it('keeps every host, its status and the resourceVersion order across a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-state-'));
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
    const client = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
    await client.ensureNamespace('metal3');
    for (const name of ['a', 'b']) await client.createBmh('metal3', bmhManifest(name, 'metal3'));
    await client.patchBmhStatus('metal3', 'a', [
      {
        op: 'add',
        path: '/status',
        value: {
          operationalStatus: 'OK',
          errorCount: 0,
          errorMessage: '',
          poweredOn: true,
          provisioningFailCount: 0,
          provisioning: { ID: 'x', state: 'available' },
          operationHistory: { register: { start: '2026-11-23T10:00:00Z', end: null } },
        },
      },
    ]);
    const before = cluster.store.list(bareMetalHosts);
    const rv = cluster.store.resourceVersion();
    const kubeconfig = await readFile(cluster.kubeconfigPath, 'utf8');
    await cluster.close();

    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
    expect(cluster.store.list(bareMetalHosts)).toEqual(before);
    expect(cluster.store.resourceVersion()).toBe(rv);
    // Same token and CA: a kubeconfig from before still works (only the port may change).
    const reloaded = await readFile(cluster.kubeconfigPath, 'utf8');
    expect(reloaded.replace(/:\d+\n/, '')).toBe(kubeconfig.replace(/:\d+\n/, ''));
    const again = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
    const created = await again.createBmh('metal3', bmhManifest('c', 'metal3'));
    expect(Number(created.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    expect((await again.getBmh('metal3', 'a')).status?.operationHistory?.register).toEqual({ start: '2026-11-23T10:00:00Z', end: null });
  });

  it('never hands out a resourceVersion twice, even after a crash loses unsaved writes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-state-'));
    const crashed = await startEmbeddedCluster({ port: 0, dataDir: dir, saveIntervalMs: 3_600_000, ...quiet });
    try {
      const client = new KubeClient<BareMetalHost>(loadKubeconfig(crashed.kubeconfigPath), METAL3_RESOURCES);
      await client.ensureNamespace('metal3');
      await client.createBmh('metal3', bmhManifest('saved', 'metal3'));
      crashed.saveState();
      const lost = await client.createBmh('metal3', bmhManifest('lost', 'metal3'));
      // A second cluster on the same directory sees what a restart after a crash would see.
      cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
      expect(cluster.store.list(bareMetalHosts).map((h) => h.metadata.name)).toEqual(['saved']);
      const again = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
      const next = await again.createBmh('metal3', bmhManifest('new', 'metal3'));
      expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(Number(lost.metadata.resourceVersion));
      // A watcher still holding the lost write's resourceVersion is told to relist.
      expect(cluster.store.eventsSince(Number(lost.metadata.resourceVersion))).toBeUndefined();
    } finally {
      await crashed.close();
    }
  });

  it('still saves when its data directory was removed while it ran', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-state-'));
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
    const client = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
    await client.ensureNamespace('metal3');
    await rm(dir, { recursive: true, force: true });
    await client.createBmh('metal3', bmhManifest('kept', 'metal3'));
    await cluster.close();

    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
    expect(cluster.store.list(bareMetalHosts).map((h) => h.metadata.name)).toEqual(['kept']);
  });

  it('a state file without a usable header or objects starts empty, says so, and keeps the file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-state-'));
    await writeFile(join(dir, 'state.jsonl'), '{"format":"fleetscope-state/v1","resourceVersion":5}\n{not json\n');
    const messages: string[] = [];
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, log: (m) => messages.push(m) });
    expect(cluster.store.count(bareMetalHosts)).toBe(0);
    expect(messages.join('\n')).toMatch(
      /WARNING: the saved cluster state .* is damaged: restored 0 objects, skipped 1 line \(line 2: not JSON\)\. The file as it was is kept at .*state\.jsonl\.corrupt-/,
    );
    expect(cluster.warnings()).toHaveLength(1);
    expect(readdirSync(dir).some((f) => f.startsWith('state.jsonl.corrupt-'))).toBe(true);
  });
});
