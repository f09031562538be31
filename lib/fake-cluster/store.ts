/**
 * The embedded cluster's state: objects by resource type, one global resourceVersion counter,
 * and a bounded event log for watches. Pure of IO: time and randomness are passed in.
 *
 * Stored objects are never mutated; every write stores a new object. That lets lists, pages and
 * watch events hand out references without copying.
 */
import { ApiError, errors } from './api-error';
import { admit, type WriteOptions } from './admit';
import { EventLog, type StoreEvent } from './event-log';
import { SubtreeInterner } from './intern';
import { generatedSuffix } from './metadata';
import { apiVersionOf, namespaces, type ResourceDef } from './resources';
import { applyDefaults } from './defaults';
import { compareKeys, hasBlockers, sameContent, specChanged, timestamp, uuid } from './store-objects';
import { checkDeletePreconditions, checkUpdatePreconditions, forbidNewFinalizers } from './write-preconditions';
import { objectKey, type KubeObject, type ObjectMeta, type StoredObject } from '../kube/object';

export type { FieldValidation, WriteOptions } from './admit';

export interface WriteResult {
  object: StoredObject;
  warnings: string[];
}

export interface StoreOptions {
  now?: () => Date;
  random?: () => number;
  /** How many watch events are kept for resuming watches. */
  logCapacity?: number;
  /** Where the resourceVersion counter starts (a restored cluster continues its order). */
  initialResourceVersion?: number;
}

export type StoreListener = (event: StoreEvent) => void;

export class ClusterStore {
  private rv: number;
  private readonly buckets = new Map<ResourceDef, Map<string, StoredObject>>();
  /** Watch history per resource, as kube-apiserver keeps a watch cache per resource. */
  private readonly logs = new Map<ResourceDef, EventLog>();
  private readonly listeners = new Set<StoreListener>();
  private readonly interner = new SubtreeInterner();
  private readonly now: () => Date;
  private readonly random: () => number;
  /** Asked before each write, with the resourceVersion it would get; throwing refuses it before anything changes. */
  private guard?: (nextRv: number) => void;

  constructor(
    readonly resources: readonly ResourceDef[],
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.rv = options.initialResourceVersion ?? 0;
    const capacity = options.logCapacity ?? Number(process.env.FLEET_WATCH_LOG_CAPACITY ?? 10_000);
    for (const def of resources) {
      this.buckets.set(def, new Map());
      this.logs.set(def, new EventLog(Math.min(capacity, def.watchHistory ?? capacity), this.rv));
    }
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch of `def` (of every resource, without one) can resume from. */
  oldestResumableVersion(def?: ResourceDef): number {
    const logs = def ? [this.eventLog(def)] : [...this.logs.values()];
    return Math.max(...logs.map((log) => log.oldestResumable()));
  }

  setWriteGuard(guard: ((nextRv: number) => void) | undefined): void {
    this.guard = guard;
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.bucket(def).get(objectKey(def.namespaced ? namespace : undefined, name));
  }

  /** Objects sorted by namespace and name, as etcd returns them. */
  list(def: ResourceDef, namespace?: string): StoredObject[] {
    const out: StoredObject[] = [];
    for (const obj of this.bucket(def).values()) {
      if (!namespace || obj.metadata.namespace === namespace) out.push(obj);
    }
    return out.sort((a, b) => compareKeys(a, b));
  }

  count(def: ResourceDef): number {
    return this.bucket(def).size;
  }

  /** Events of `def` (of every resource, without one) after `rv` for a watch to replay, or undefined when compacted away (410). */
  eventsSince(rv: number, def?: ResourceDef): StoreEvent[] | undefined {
    if (def) return this.eventLog(def).since(rv);
    const all: StoreEvent[] = [];
    for (const log of this.logs.values()) {
      const events = log.since(rv);
      if (!events) return undefined;
      all.push(...events);
    }
    return all.sort((a, b) => a.rv - b.rv);
  }

  /** Forgets watch history up to the current resourceVersion, so older resumes get 410 Gone. */
  compact(): void {
    for (const log of this.logs.values()) log.compact(this.rv);
  }

  create(def: ResourceDef, input: KubeObject, namespace: string | undefined, options: WriteOptions = {}): WriteResult {
    const meta: ObjectMeta = { ...(input.metadata ?? {}) };
    if (def.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace ?? 'default';
      this.requireLiveNamespace(meta.namespace);
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${generatedSuffix(this.random)}`;
    const warnings: string[] = [];
    // With a status subresource, status cannot be set on create (the API server drops it).
    const { status: _dropped, ...withoutStatus } = input;
    const body = def.hasStatus && def !== namespaces ? withoutStatus : input;
    const admitted = admit(def, { ...body, metadata: meta }, undefined, options, warnings, this.interner);
    const name = admitted.metadata!.name!;
    if (this.get(def, meta.namespace, name)) throw errors.alreadyExists(def, name);
    if (admitted.metadata?.resourceVersion) {
      throw errors.badRequest('resourceVersion should not be set on objects to be created');
    }
    const object = {
      ...admitted,
      apiVersion: apiVersionOf(def),
      kind: def.kind,
      metadata: {
        ...admitted.metadata,
        name,
        uid: uuid(this.random),
        creationTimestamp: timestamp(this.now()),
        resourceVersion: '',
        ...(def.tracksGeneration ? { generation: 1 } : {}),
      },
    } as StoredObject;
    delete object.metadata.deletionTimestamp;
    delete object.metadata.deletionGracePeriodSeconds;
    if (options.dryRun) return { object, warnings };
    return { object: this.commit(def, object, 'ADDED'), warnings };
  }

  /**
   * Replaces an object (PUT, or the result of a PATCH). With a status subresource, writes to the
   * main resource keep the stored status and writes to `status` keep everything else.
   */
  update(
    def: ResourceDef,
    input: KubeObject,
    namespace: string | undefined,
    name: string,
    subresource: 'status' | undefined,
    options: WriteOptions = {},
  ): WriteResult {
    const old = this.get(def, namespace, name);
    if (!old) throw errors.notFound(def, name);
    const inputMeta = input.metadata ?? {};
    checkUpdatePreconditions(def, name, old, inputMeta);
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...old, status: input.status };
    } else {
      next = { ...input, metadata: { ...inputMeta } };
      if (def.hasStatus) next.status = old.status;
    }
    const warnings: string[] = [];
    const admitted = admit(def, next, old, options, warnings, this.interner, subresource);
    const meta = admitted.metadata!;
    forbidNewFinalizers(def, name, old, meta);
    const generation = def.tracksGeneration && specChanged(admitted, old) ? (old.metadata.generation ?? 1) + 1 : old.metadata.generation;
    const object = {
      ...admitted,
      apiVersion: old.apiVersion,
      kind: old.kind,
      metadata: {
        ...meta,
        name: old.metadata.name,
        namespace: old.metadata.namespace,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        resourceVersion: old.metadata.resourceVersion,
        ...(generation !== undefined ? { generation } : {}),
        ...(old.metadata.deletionTimestamp ? { deletionTimestamp: old.metadata.deletionTimestamp, deletionGracePeriodSeconds: 0 } : {}),
      },
    } as StoredObject;
    if (!old.metadata.deletionTimestamp) {
      delete object.metadata.deletionTimestamp;
      delete object.metadata.deletionGracePeriodSeconds;
    }
    if (sameContent(old, object) || options.dryRun) return { object: options.dryRun ? object : old, warnings };
    return { object: this.commitUpdate(def, object), warnings };
  }

  /**
   * Deletes an object: at once when it has no finalizers, otherwise it gets a deletionTimestamp
   * and stays until its finalizers are gone.
   */
  delete(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    preconditions: { uid?: string; resourceVersion?: string } = {},
    options: { dryRun?: boolean } = {},
  ): { object: StoredObject; removed: boolean } {
    const old = this.get(def, namespace, name);
    if (!old) throw errors.notFound(def, name);
    checkDeletePreconditions(def, name, old, preconditions);
    if (options.dryRun) return { object: old, removed: !hasBlockers(def, old) };
    if (!hasBlockers(def, old)) {
      this.remove(def, old);
      return { object: old, removed: true };
    }
    if (old.metadata.deletionTimestamp) return { object: old, removed: false };
    const object = {
      ...old,
      metadata: {
        ...old.metadata,
        deletionTimestamp: timestamp(this.now()),
        deletionGracePeriodSeconds: 0,
        ...(def.tracksGeneration ? { generation: (old.metadata.generation ?? 1) + 1 } : {}),
      },
    } as StoredObject;
    return { object: this.commit(def, object, 'MODIFIED'), removed: false };
  }

  /** Restores saved objects as they were (used when the cluster reloads its state). */
  restore(def: ResourceDef, objects: StoredObject[], resourceVersion: number): void {
    const bucket = this.bucket(def);
    // kube-apiserver defaults what it reads from etcd too: state saved before a default existed gets it.
    for (const obj of objects)
      bucket.set(
        objectKey(obj.metadata.namespace, obj.metadata.name),
        freezeNew(this.interner.intern(def, applyDefaults(def.schema, obj) as StoredObject) as StoredObject),
      );
    this.rv = Math.max(this.rv, resourceVersion);
    for (const log of this.logs.values()) log.compact(this.rv);
  }

  private requireLiveNamespace(namespace: string): void {
    const ns = this.get(namespaces, undefined, namespace);
    if (!ns) throw errors.notFound(namespaces, namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
        name: namespace,
        kind: 'namespaces',
      });
    }
  }

  private commitUpdate(def: ResourceDef, object: StoredObject): StoredObject {
    if (object.metadata.deletionTimestamp && !hasBlockers(def, object)) {
      this.remove(def, object);
      return object;
    }
    return this.commit(def, object, 'MODIFIED');
  }

  private commit(def: ResourceDef, object: StoredObject, type: 'ADDED' | 'MODIFIED'): StoredObject {
    this.guard?.(this.rv + 1);
    this.rv++;
    const stored = freezeNew({ ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } } as StoredObject);
    const key = objectKey(stored.metadata.namespace, stored.metadata.name);
    const bucket = this.bucket(def);
    const previous = bucket.get(key);
    bucket.set(key, stored);
    this.emit({ rv: this.rv, type, def, object: stored, ...(previous ? { previous } : {}) });
    return stored;
  }

  private remove(def: ResourceDef, object: StoredObject): void {
    this.guard?.(this.rv + 1);
    this.rv++;
    this.bucket(def).delete(objectKey(object.metadata.namespace, object.metadata.name));
    const tombstone = freezeNew({ ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } } as StoredObject);
    this.emit({ rv: this.rv, type: 'DELETED', def, object: tombstone });
  }

  private emit(event: StoreEvent): void {
    this.eventLog(event.def).append(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  private eventLog(def: ResourceDef): EventLog {
    const log = this.logs.get(def);
    if (!log) throw errors.internal(`unknown resource ${def.plural}`);
    return log;
  }

  private bucket(def: ResourceDef): Map<string, StoredObject> {
    const bucket = this.buckets.get(def);
    if (!bucket) throw errors.internal(`unknown resource ${def.plural}`);
    return bucket;
  }
}

/**
 * Stored objects are shared, never copied: by every watcher's event, the event log, the list
 * pages, and the twin that reads them in this process (store-client.ts). Outside production
 * (tests, `npm run cluster`, `next dev`) they are frozen, so a reader that writes to one throws
 * instead of changing history; production skips it, since V8 reads frozen arrays about five
 * times slower and a FirmwareSchema holds one owner per host. Writes are copy on write, so only
 * the new parts of an object need freezing: a frozen subtree was frozen whole.
 */
const FREEZE = process.env.NODE_ENV !== 'production';

export function freezeNew<T>(value: T): T {
  if (!FREEZE || value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && !Object.isFrozen(item)) freezeNew(item);
    }
  } else for (const key in value) freezeNew((value as Record<string, unknown>)[key]);
  return value;
}
