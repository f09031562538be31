/** The garbage collector: dependents go when all their owners are gone, however many an owner has. */
import { describe, expect, it } from 'vitest';
import { newClusterStore } from './cluster';
import { startControllers } from './controllers';
import { secrets } from './resources';
import { eventually } from '../testing/cluster';
import type { StoredObject } from '../kube/object';

const owner = (o: StoredObject) => ({ apiVersion: 'v1', kind: 'Secret', name: o.metadata.name, uid: o.metadata.uid });

describe('garbage collector', () => {
  it.each([1, 3, 40])('deletes all %i dependents of a deleted owner, and keeps one that has another owner alive', async (count) => {
    const store = newClusterStore();
    const stop = startControllers(store);
    const a = store.create(secrets, { metadata: { name: 'a' } }, 'default').object;
    const b = store.create(secrets, { metadata: { name: 'b' } }, 'default').object;
    for (let i = 0; i < count; i++) store.create(secrets, { metadata: { name: `d${i}`, ownerReferences: [owner(a)] } }, 'default');
    store.create(secrets, { metadata: { name: 'shared', ownerReferences: [owner(a), owner(b)] } }, 'default');
    // An owner dropped from a dependent no longer takes it along.
    const kept = store.create(secrets, { metadata: { name: 'kept', ownerReferences: [owner(a)] } }, 'default').object;
    store.update(secrets, { ...kept, metadata: { ...kept.metadata, ownerReferences: [owner(b)] } }, 'default', 'kept', undefined);
    store.delete(secrets, 'default', 'a');
    await eventually(() => (store.list(secrets, 'default').some((s) => s.metadata.name.startsWith('d')) ? undefined : true), 2000, 'the dependents gone');
    expect(
      store
        .list(secrets, 'default')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['b', 'kept', 'shared']);
    store.delete(secrets, 'default', 'b');
    await eventually(() => (store.list(secrets, 'default').length === 0 ? true : undefined), 2000, 'the rest gone');
    stop();
  });
});
