/** The embedded cluster as client-node sees it: lists, watches, the informer, patches, errors. */
import { ApiException, makeInformer, Watch, type KubernetesObject } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListWatch } from '../kube/list-watch';
import { bareMetalHosts } from './resources';
import { bmhManifest, eventually, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import type { BareMetalHost } from '../bmh/types';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.client.ensureNamespace('metal3');
});
afterAll(async () => cluster?.stop());

const body = (error: unknown) =>
  JSON.parse(String((error as ApiException<string>).body)) as { reason: string; message: string; details?: { causes?: { field: string }[] } };

describe('client-node against the embedded cluster', () => {
  it('creates, gets, merge-patches and status-patches a BareMetalHost', async () => {
    const { client } = cluster;
    await client.createSecret('metal3', secretManifest('a-bmc-secret', 'metal3') as never);
    const created = await client.createBmh('metal3', bmhManifest('a', 'metal3'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata.generation).toBe(1);

    const patched = await client.patchBmh('metal3', 'a', { spec: { online: false } });
    expect(patched.spec.online).toBe(false);
    expect(patched.metadata.generation).toBe(2);

    const status = await client.patchBmhStatus('metal3', 'a', [
      {
        op: 'add',
        path: '/status',
        value: {
          operationalStatus: 'OK',
          errorCount: 0,
          errorMessage: '',
          poweredOn: false,
          provisioningFailCount: 0,
          provisioning: { ID: '', state: 'registering' },
        },
      },
    ]);
    expect(status.status?.provisioning?.state).toBe('registering');
    expect(status.metadata.generation).toBe(2);

    // Status sent to the main resource is ignored, as with any status subresource.
    const ignored = await client.patchBmh('metal3', 'a', { status: { operationalStatus: 'error' } });
    expect(ignored.status?.operationalStatus).toBe('OK');
  });

  it('answers with Kubernetes Status errors', async () => {
    const { client } = cluster;
    const notFound = await client.getBmh('metal3', 'nope').catch((e: unknown) => e);
    expect((notFound as ApiException<string>).code).toBe(404);
    expect(body(notFound).message).toBe('baremetalhosts.metal3.io "nope" not found');

    await client.createSecret('metal3', secretManifest('dup-bmc-secret', 'metal3') as never);
    const exists = await client.createSecret('metal3', secretManifest('dup-bmc-secret', 'metal3') as never).catch((e: unknown) => e);
    expect((exists as ApiException<string>).code).toBe(409);
    expect(body(exists).reason).toBe('AlreadyExists');

    const invalid = await client
      .createBmh('metal3', { ...bmhManifest('bad', 'metal3'), spec: { bmc: { address: 'x', credentialsName: 'y' } } })
      .catch((e: unknown) => e);
    expect((invalid as ApiException<string>).code).toBe(422);
    expect(body(invalid).details?.causes?.map((c) => c.field)).toContain('spec.online');

    const noNamespace = await client.createBmh('ghost', bmhManifest('x', 'ghost')).catch((e: unknown) => e);
    expect(body(noNamespace).message).toBe('namespaces "ghost" not found');
  });

  it('refuses a stale resourceVersion with 409 Conflict', async () => {
    const { client } = cluster;
    await client.createSecret('metal3', secretManifest('c-bmc-secret', 'metal3') as never);
    const created = await client.createBmh('metal3', bmhManifest('c', 'metal3'));
    await client.patchBmh('metal3', 'c', { spec: { online: false } });
    const stale = await client
      .patchBmh('metal3', 'c', { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { online: true } })
      .catch((e: unknown) => e);
    expect((stale as ApiException<string>).code).toBe(409);
    expect(body(stale).reason).toBe('Conflict');
  });

  it("feeds client-node's own informer: add, update, delete", async () => {
    const { client } = cluster;
    const informer = makeInformer<KubernetesObject>(client.kubeconfig, client.bmhPath('metal3'), () => client.listBmhPage('metal3', 500) as never);
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();
    await client.createSecret('metal3', secretManifest('inf-bmc-secret', 'metal3') as never);
    await client.createBmh('metal3', bmhManifest('inf', 'metal3'));
    await client.patchBmh('metal3', 'inf', { metadata: { labels: { rack: 'r1' } } });
    await client.deleteBmh('metal3', 'inf');
    await eventually(() => seen.includes('delete inf'), 5000, 'the informer to see the delete');
    expect(seen.filter((s) => s.endsWith(' inf'))).toEqual(['add inf', 'update inf', 'delete inf']);
    await informer.stop();
  });

  it('pages lists with limit and continue at one resourceVersion', async () => {
    const { client } = cluster;
    await client.ensureNamespace('paging');
    for (let i = 0; i < 7; i++) await client.createSecret('paging', secretManifest(`s${i}`, 'paging') as never);
    const first = await client.listSecretPage('paging', 3);
    expect(first.items).toHaveLength(3);
    const rv = first.metadata?.resourceVersion;
    await client.createSecret('paging', secretManifest('s-late', 'paging') as never);
    const second = await client.listSecretPage('paging', 3, first.metadata?.continue);
    const third = await client.listSecretPage('paging', 3, second.metadata?.continue);
    expect(second.metadata?.resourceVersion).toBe(rv);
    expect([...first.items, ...second.items, ...third.items].map((s) => s.metadata?.name)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
    expect(third.metadata?.continue).toBeFalsy();
  });

  it('relists after 410 Gone without losing or duplicating a host', async () => {
    const { client, store } = cluster;
    await client.ensureNamespace('gone');
    const hosts = new Map<string, BareMetalHost>();
    let lists = 0;
    const watch = new ListWatch<BareMetalHost>({
      watcher: new Watch(client.kubeconfig),
      path: client.bmhPath('gone'),
      listPage: ({ limit, continueToken }) => client.listBmhPage('gone', limit, continueToken),
      sink: {
        replace: (items) => {
          lists++;
          hosts.clear();
          for (const h of items) hosts.set(h.metadata.name, h);
        },
        event: (type, h) => (type === 'DELETED' ? hosts.delete(h.metadata.name) : hosts.set(h.metadata.name, h)),
      },
      minBackoffMs: 20,
    });
    void watch.run();
    for (const name of ['g1', 'g2', 'g3']) await client.createBmh('gone', bmhManifest(name, 'gone'));
    await eventually(() => hosts.size === 3, 5000, 'three hosts');
    // Cut the watch, change things while it is down, and compact history past its resourceVersion.
    watch.interrupt();
    // Synchronously, so the watch cannot reconnect in between (it retries within 20 ms): a change
    // it has not seen, then history compacted past it. Then one more change after that.
    store.delete(bareMetalHosts, 'gone', 'g1');
    store.compact();
    await client.createBmh('gone', bmhManifest('g4', 'gone'));
    await eventually(() => lists >= 2, 5000, 'a relist after 410');
    await eventually(() => [...hosts.keys()].sort().join() === 'g2,g3,g4', 5000, 'the relisted fleet');
    expect(store.list(bareMetalHosts, 'gone').map((h) => h.metadata.name)).toEqual(['g2', 'g3', 'g4']);
    watch.stop();
  });
});
