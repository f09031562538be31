/** The twin's in-process client: the same admission, resourceVersions and watch semantics as over HTTPS. */
import { afterEach, describe, expect, it } from 'vitest';
import { newClusterStore } from './cluster';
import { startControllers } from './controllers';
import { bareMetalHosts, namespaces, secrets } from './resources';
import { StoreClient } from './store-client';
import { bmhManifest, eventually, secretManifest } from '../testing/cluster';
import { statusCode } from '../kube/errors';
import type { BareMetalHost } from '../bmh/types';
import { Twin } from '../twin/reconciler';
import { settingsFor } from '../twin/settings';
import { limitsFor } from '../twin/limits';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function setup() {
  const store = newClusterStore();
  stops.push(startControllers(store));
  return { store, client: new StoreClient(store) };
}

type Seen = [type: string, name: string, rv: string];
function watchInto(client: StoreClient, path: string, rv?: string) {
  const seen: Seen[] = [];
  const ended: unknown[] = [];
  const controller = client.watch(
    path,
    { resourceVersion: rv },
    (type, object) => {
      const o = object as { metadata?: { name: string; resourceVersion: string }; code?: number };
      seen.push([type, o.metadata?.name ?? String(o.code), o.metadata?.resourceVersion ?? '']);
    },
    (error) => ended.push(error),
  );
  return { seen, ended, controller };
}

describe('StoreClient', () => {
  it('walks a host to available and provisioned through the twin, with the webhook and resourceVersions of a request', async () => {
    const { store, client } = setup();
    const twin = new Twin({ api: client, settings: settingsFor('instant', { limits: limitsFor('unlimited') }) });
    twin.start();
    stops.push(() => twin.stop());
    store.create(secrets, secretManifest('w0-bmc-secret', 'metal3') as never, 'metal3');
    store.create(bareMetalHosts, bmhManifest('w0', 'metal3') as never, 'metal3');
    const state = () => (store.get(bareMetalHosts, 'metal3', 'w0') as BareMetalHost | undefined)?.status?.provisioning?.state;
    await eventually(() => state() === 'available', 10_000, 'available');
    expect(store.get(secrets, 'metal3', 'w0-bmc-secret')?.metadata.finalizers).toEqual(['baremetalhost.metal3.io/secret']);
    const current = store.get(bareMetalHosts, 'metal3', 'w0')!;
    store.update(
      bareMetalHosts,
      { ...current, spec: { ...(current.spec as object), image: { url: 'http://x/i.qcow2', checksum: 'c8fc807773e5354afe61636071771906' } } },
      'metal3',
      'w0',
      undefined,
    );
    await eventually(() => state() === 'provisioned', 10_000, 'provisioned');
  });

  it('answers failures as an API client sees them: the HTTP code and a Status body', async () => {
    const { client } = setup();
    const missing = await client.patchBmh('metal3', 'nope', { spec: { online: false } }).catch((e: unknown) => e);
    expect(statusCode(missing)).toBe(404);
    expect(JSON.parse((missing as { body: string }).body)).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    // BMO's webhook reviews the in-process write as it reviews a request.
    const { store } = setup();
    store.create(bareMetalHosts, bmhManifest('w1', 'metal3') as never, 'metal3');
    const denied = await new StoreClient(store).patchBmh('metal3', 'w1', { spec: { bmc: { address: 'nonsense://x' } } }).catch((e: unknown) => e);
    expect(statusCode(denied)).toBe(403);
  });

  it('watches in resourceVersion order, after the write returns, resumes from a resourceVersion and answers a compacted one with 410', async () => {
    const { store, client } = setup();
    const path = client.bmhPath('metal3');
    const live = watchInto(client, path);
    await live.controller;
    const first = store.create(bareMetalHosts, bmhManifest('a', 'metal3') as never, 'metal3').object;
    store.create(namespaces, { metadata: { name: 'other' } }, undefined);
    store.create(bareMetalHosts, bmhManifest('elsewhere', 'other') as never, 'other');
    store.create(bareMetalHosts, bmhManifest('b', 'metal3') as never, 'metal3');
    expect(live.seen).toEqual([]);
    await eventually(() => (live.seen.length === 2 ? true : undefined), 2000, 'two events');
    expect(live.seen.map(([type, name]) => [type, name])).toEqual([
      ['ADDED', 'a'],
      ['ADDED', 'b'],
    ]);
    expect(Number(live.seen[1]![2])).toBeGreaterThan(Number(live.seen[0]![2]));

    const resumed = watchInto(client, path, first.metadata.resourceVersion);
    await eventually(() => (resumed.seen.length === 1 ? true : undefined), 2000, 'the replay');
    expect(resumed.seen[0]!.slice(0, 2)).toEqual(['ADDED', 'b']);

    store.compact();
    const expired = watchInto(client, path, first.metadata.resourceVersion);
    await eventually(() => (expired.ended.length === 1 ? true : undefined), 2000, 'the end');
    expect(expired.seen).toEqual([['ERROR', '410', '']]);
    (await live.controller).abort();
    (await resumed.controller).abort();
    expect(live.ended).toEqual([null]);
  });

  it('hands over stored objects frozen: a reader cannot change the store', async () => {
    const { store, client } = setup();
    store.create(bareMetalHosts, bmhManifest('f', 'metal3') as never, 'metal3');
    const page = await client.listBmhPage('metal3');
    const bmh = page.items[0]!;
    expect(() => {
      (bmh.spec as { online: boolean }).online = false;
    }).toThrow(TypeError);
    expect(store.get(bareMetalHosts, 'metal3', 'f')?.spec).toMatchObject({ online: true });
  });
});
