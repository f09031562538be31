/** Watch history is kept per resource, as kube-apiserver keeps a watch cache per resource. */
import { describe, expect, it } from 'vitest';
import { newClusterStore } from './cluster';
import { bareMetalHosts, events, firmwareSchemas } from './resources';
import { bmhManifest } from '../testing/cluster';

const event = (i: number) => ({
  metadata: { name: `e${i}` },
  involvedObject: { kind: 'BareMetalHost', name: 'h', namespace: 'metal3' },
  reason: 'Registered',
  message: 'x',
  type: 'Normal',
});

describe('watch history per resource', () => {
  it("another resource's churn does not expire a BareMetalHost watch", () => {
    const store = newClusterStore({ logCapacity: 50 });
    const host = store.create(bareMetalHosts, bmhManifest('h', 'metal3') as never, 'metal3').object;
    for (let i = 0; i < 200; i++) store.create(events, event(i), 'metal3');
    expect(store.eventsSince(Number(host.metadata.resourceVersion), bareMetalHosts)).toEqual([]);
    // Events kept only their last 50, so resuming an Events watch from before them is 410 Gone.
    expect(store.eventsSince(Number(host.metadata.resourceVersion), events)).toBeUndefined();
    expect(store.eventsSince(Number(host.metadata.resourceVersion))).toBeUndefined();
  });

  it('keeps the last 100 versions of FirmwareSchemas (--default-watch-cache-size), whatever the store keeps', () => {
    const store = newClusterStore({ logCapacity: 10_000 });
    let schema = store.create(firmwareSchemas, { metadata: { name: 's' }, spec: { schema: {} } }, 'metal3').object;
    const first = Number(schema.metadata.resourceVersion);
    for (let i = 0; i < 150; i++) {
      schema = store.update(firmwareSchemas, { ...schema, metadata: { ...schema.metadata, labels: { n: String(i) } } }, 'metal3', 's', undefined).object;
    }
    expect(store.eventsSince(first, firmwareSchemas)).toBeUndefined();
    expect(store.eventsSince(Number(schema.metadata.resourceVersion) - 100, firmwareSchemas)).toHaveLength(100);
    expect(store.oldestResumableVersion(firmwareSchemas)).toBe(Number(schema.metadata.resourceVersion) - 100);
  });
});
