/**
 * The kube-controller-manager loops the embedded cluster needs to behave like a cluster: the
 * garbage collector (dependents go when all their owners are gone), the namespace lifecycle (a
 * deleted namespace empties itself, then disappears), and Event retention (the API server's
 * --event-ttl, plus a cap on how many are kept, so a 100k-host storm does not keep millions).
 *
 * Both act on store events in a later tick, so every watcher sees events in resourceVersion order.
 */
import type { StoreEvent } from './event-log';
import { events, namespaces, type ResourceDef } from './resources';
import type { ClusterStore } from './store';
import { ApiError } from './api-error';
import type { OwnerReference, StoredObject } from '../kube/object';
import { storedPrefix } from './schema';

type Ref = { key: string; def: ResourceDef; namespace?: string; name: string };
/** An owner's dependents: a short array, or a Map by key once there are many (a FirmwareSchema's owners own it alone, but an owner may own thousands). */
type Dependents = Ref[] | Map<string, Ref>;
const MAX_LISTED = 16;

function addDependent(all: Map<string, Dependents>, uid: string, ref: Ref): void {
  const owned = all.get(uid);
  if (!owned) return void all.set(uid, [ref]);
  if (owned instanceof Map) return void owned.set(ref.key, ref);
  const at = owned.findIndex((r) => r.key === ref.key);
  if (at >= 0) owned[at] = ref;
  else if (owned.length < MAX_LISTED) owned.push(ref);
  else all.set(uid, new Map([...owned, ref].map((r) => [r.key, r])));
}

function removeDependent(all: Map<string, Dependents>, uid: string, key: string): void {
  const owned = all.get(uid);
  if (!owned) return;
  if (owned instanceof Map) owned.delete(key);
  else {
    const at = owned.findIndex((r) => r.key === key);
    if (at >= 0) owned.splice(at, 1);
  }
  if ((owned instanceof Map ? owned.size : owned.length) === 0) all.delete(uid);
}

const refsOf = (owned: Dependents | undefined): Iterable<Ref> => (!owned ? [] : owned instanceof Map ? owned.values() : owned);

function ignoreGone(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 404 && error.code !== 409)) throw error;
  }
}

export interface ControllerOptions {
  defer?: (fn: () => void) => void;
  /** How long Events live (the API server's --event-ttl, 1 h). */
  eventTtlMs?: number;
  /** At most this many Events are kept; the oldest go first. */
  maxEvents?: number;
  now?: () => number;
}

/**
 * Event retention: Events by key in creation order, with when they were created; past the TTL,
 * or past the cap (oldest first), they are deleted.
 */
function eventRetention(store: ClusterStore, now: () => number, maxEvents: number, eventTtlMs: number, defer: (fn: () => void) => void) {
  const eventAges = new Map<string, { namespace: string; name: string; at: number }>();
  const expireEvents = (all: boolean) => {
    const cutoff = now() - eventTtlMs;
    for (const [key, e] of eventAges) {
      if (eventAges.size <= maxEvents && (!all || e.at > cutoff)) break;
      eventAges.delete(key);
      ignoreGone(() => store.delete(events, e.namespace, e.name));
    }
  };
  let trimming = false;
  const observe = (event: StoreEvent): void => {
    const { object } = event;
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    if (event.type === 'DELETED') eventAges.delete(key);
    else if (event.type === 'ADDED') eventAges.set(key, { namespace: object.metadata.namespace ?? '', name: object.metadata.name, at: now() });
    if (eventAges.size > maxEvents && !trimming) {
      trimming = true;
      defer(() => {
        trimming = false;
        expireEvents(false);
      });
    }
  };
  const seed = (): void => {
    for (const e of store.list(events))
      eventAges.set(`${e.metadata.namespace}/${e.metadata.name}`, {
        namespace: e.metadata.namespace ?? '',
        name: e.metadata.name,
        at: Date.parse(e.metadata.creationTimestamp) || now(),
      });
  };
  return { observe, seed, expireEvents };
}

/** The garbage collector's owner graph: dependents by owner uid, and which uids are live. */
function ownerGraph(store: ClusterStore) {
  // Most owners have one to three dependents: those are kept in a short array rather than a Map
  // of their own (a Map costs about 500 bytes, and a 100,000-host fleet has 200,000 owners).
  const dependents = new Map<string, Dependents>();
  /** The ownerReferences last indexed per object (the stored, frozen array itself). */
  const ownersOf = new Map<string, readonly OwnerReference[]>();
  /** Where the last live owner was found, per dependent: owners go in order (a FirmwareSchema loses one per deleted host), so the next search starts there. */
  const liveOwnerHint = new Map<string, number>();
  const live = new Set<string>();

  const refKey = (obj: StoredObject, def: ResourceDef) => `${def.plural}.${def.group}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;

  function index(event: StoreEvent): void {
    const { object, def } = event;
    const key = refKey(object, def);
    const before = ownersOf.get(key) ?? [];
    if (event.type === 'DELETED') {
      for (const o of before) removeDependent(dependents, o.uid, key);
      ownersOf.delete(key);
      liveOwnerHint.delete(key);
      live.delete(object.metadata.uid);
      return;
    }
    live.add(object.metadata.uid);
    const owners = object.metadata.ownerReferences ?? [];
    // Most writes keep the owners, and a FirmwareSchema gains one per host (BMO's
    // getOrCreateFirmwareSchema appends each HostFirmwareSettings): only what changed is
    // re-indexed. Stored owner references are shared between versions, so same is identical.
    const kept = storedPrefix(owners, before);
    if (kept === before.length && kept === owners.length) return;
    for (let i = kept; i < before.length; i++) removeDependent(dependents, before[i]!.uid, key);
    const ref = { key, def, namespace: object.metadata.namespace, name: object.metadata.name };
    for (let i = kept; i < owners.length; i++) addDependent(dependents, owners[i]!.uid, ref);
    if (owners.length === 0) ownersOf.delete(key);
    else ownersOf.set(key, owners);
  }

  function hasLiveOwner(key: string, owners: readonly OwnerReference[]): boolean {
    const start = Math.min(liveOwnerHint.get(key) ?? 0, owners.length);
    for (let n = 0; n < owners.length; n++) {
      const i = (start + n) % owners.length;
      if (live.has(owners[i]!.uid)) {
        liveOwnerHint.set(key, i);
        return true;
      }
    }
    liveOwnerHint.delete(key);
    return false;
  }

  function collectOrphans(ownerUid: string): void {
    const owned = dependents.get(ownerUid);
    dependents.delete(ownerUid);
    for (const ref of refsOf(owned)) {
      const obj = store.get(ref.def, ref.namespace, ref.name);
      if (!obj) continue;
      if (!hasLiveOwner(ref.key, obj.metadata.ownerReferences ?? [])) ignoreGone(() => store.delete(ref.def, ref.namespace, ref.name));
    }
  }

  return { index, collectOrphans, hasDependents: (uid: string) => dependents.has(uid) };
}

/** The namespace lifecycle: a deleted namespace turns Terminating, deletes its contents, then drops its finalizers. */
function emptyNamespace(store: ClusterStore, name: string): void {
  const ns = store.get(namespaces, undefined, name);
  if (!ns?.metadata.deletionTimestamp) return;
  if ((ns.status as { phase?: string } | undefined)?.phase !== 'Terminating') {
    ignoreGone(() => store.update(namespaces, { ...ns, status: { phase: 'Terminating' } }, undefined, name, 'status'));
  }
  let remaining = 0;
  for (const def of store.resources) {
    if (!def.namespaced) continue;
    for (const obj of store.list(def, name)) {
      remaining++;
      if (!obj.metadata.deletionTimestamp) ignoreGone(() => store.delete(def, name, obj.metadata.name));
    }
  }
  if (remaining === 0) {
    const current = store.get(namespaces, undefined, name);
    if (current) ignoreGone(() => store.update(namespaces, { ...current, spec: { ...(current.spec as object), finalizers: [] } }, undefined, name, undefined));
  }
}

export function startControllers(store: ClusterStore, options: ControllerOptions = {}): () => void {
  const defer = options.defer ?? setImmediate;
  const now = options.now ?? Date.now;
  const retention = eventRetention(store, now, options.maxEvents ?? 10_000, options.eventTtlMs ?? 60 * 60_000, defer);
  const graph = ownerGraph(store);

  for (const def of store.resources) for (const obj of store.list(def)) graph.index({ rv: 0, type: 'ADDED', def, object: obj });

  const terminating = new Set<string>();
  const unsubscribe = store.subscribe((event) => {
    graph.index(event);
    const { object, def } = event;
    if (def === events) retention.observe(event);
    if (event.type === 'DELETED' && graph.hasDependents(object.metadata.uid)) {
      const uid = object.metadata.uid;
      defer(() => graph.collectOrphans(uid));
    }
    if (def === namespaces && object.metadata.deletionTimestamp && event.type !== 'DELETED') {
      terminating.add(object.metadata.name);
      defer(() => emptyNamespace(store, object.metadata.name));
    } else if (def === namespaces && event.type === 'DELETED') {
      terminating.delete(object.metadata.name);
    } else if (def.namespaced && event.type === 'DELETED' && terminating.has(object.metadata.namespace ?? '')) {
      const ns = object.metadata.namespace!;
      defer(() => emptyNamespace(store, ns));
    }
  });
  for (const ns of store.list(namespaces)) if (ns.metadata.deletionTimestamp) defer(() => emptyNamespace(store, ns.metadata.name));
  retention.seed();
  const ttlTimer = setInterval(() => retention.expireEvents(true), 60_000);
  ttlTimer.unref();
  return () => {
    clearInterval(ttlTimer);
    unsubscribe();
  };
}
