/**
 * The embedded cluster's state: objects by resource type, one global resourceVersion counter,
 * and a bounded event log for watches. Pure of IO: time and randomness are passed in.
 *
 * Stored objects are never mutated; every write stores a new object. That lets lists, pages and
 * watch events hand out references without copying.
 */
import { ApiError, errors, type StatusCause } from './api-error';
import { deepEqual } from './deep-equal';
import { EventLog, type StoreEvent } from './event-log';
import { generatedSuffix, validateMetadata } from './metadata';
import { apiVersionOf, namespaces, type ResourceDef } from './resources';
import { prune, validate } from './schema';
import { applyDefaults } from './defaults';
import { webhookDenial } from './admission/denial';
import { objectKey, type KubeObject, type ObjectMeta, type StoredObject } from '../kube/object';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** What to do with fields the schema does not know (the `fieldValidation` query parameter). */
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
}

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

function uuid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${((Math.floor(random() * 4) + 8) as number).toString(16)}${hex(3)}-${hex(12)}`;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True when fields other than metadata, status and type information differ: that bumps `generation`. */
function specChanged(a: KubeObject, b: KubeObject): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata' || key === 'status') continue;
    if (!deepEqual(a[key], b[key])) return true;
  }
  return false;
}

/** Equal apart from the resourceVersion, which a no-op write must not bump. */
function sameContent(a: StoredObject, b: KubeObject): boolean {
  const { metadata: ma, ...ra } = a;
  const { metadata: mb, ...rb } = b;
  return deepEqual({ ...ma, resourceVersion: undefined }, { ...mb, resourceVersion: undefined }) && deepEqual(ra, rb);
}

export class ClusterStore {
  private rv: number;
  private readonly buckets = new Map<ResourceDef, Map<string, StoredObject>>();
  private readonly log: EventLog;
  private readonly listeners = new Set<StoreListener>();
  private readonly interned = new Map<string, unknown>();
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
    this.log = new EventLog(options.logCapacity ?? Number(process.env.FLEET_WATCH_LOG_CAPACITY ?? 10_000), this.rv);
    for (const def of resources) this.buckets.set(def, new Map());
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can resume from. */
  oldestResumableVersion(): number {
    return this.log.oldestResumable();
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

  /** Events after `rv` for a watch to replay, or undefined when compacted away (410). */
  eventsSince(rv: number): StoreEvent[] | undefined {
    return this.log.since(rv);
  }

  /** Forgets watch history up to the current resourceVersion, so older resumes get 410 Gone. */
  compact(): void {
    this.log.compact(this.rv);
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
    const admitted = this.admit(def, { ...body, metadata: meta }, undefined, options, warnings);
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
    if (inputMeta.name !== undefined && inputMeta.name !== name) {
      throw errors.badRequest(`the name of the object (${inputMeta.name}) does not match the name on the URL (${name})`);
    }
    if (inputMeta.resourceVersion && inputMeta.resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(def, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (inputMeta.uid && inputMeta.uid !== old.metadata.uid) {
      throw errors.conflict(def, name, `Precondition failed: UID in precondition: ${inputMeta.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    let next: KubeObject;
    if (subresource === 'status') {
      next = { ...old, status: input.status };
    } else {
      next = { ...input, metadata: { ...inputMeta } };
      if (def.hasStatus) next.status = old.status;
    }
    const warnings: string[] = [];
    const admitted = this.admit(def, next, old, options, warnings, subresource);
    const meta = admitted.metadata!;
    const finalizersAdded = (meta.finalizers ?? []).some((f) => !(old.metadata.finalizers ?? []).includes(f));
    if (old.metadata.deletionTimestamp && finalizersAdded) {
      throw new ApiError(
        422,
        'Invalid',
        `${def.kind} "${name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted`,
        {
          name,
          kind: def.kind,
          causes: [
            {
              reason: 'FieldValueForbidden',
              field: 'metadata.finalizers',
              message: 'Forbidden: no new finalizers can be added if the object is being deleted',
            },
          ],
        },
      );
    }
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
    if (preconditions.uid && preconditions.uid !== old.metadata.uid) {
      throw errors.conflict(def, name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (preconditions.resourceVersion && preconditions.resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in meta: ${old.metadata.resourceVersion}`,
      );
    }
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
      bucket.set(objectKey(obj.metadata.namespace, obj.metadata.name), this.intern(def, applyDefaults(def.schema, obj) as StoredObject) as StoredObject);
    this.rv = Math.max(this.rv, resourceVersion);
    this.log.compact(this.rv);
  }

  private admit(
    def: ResourceDef,
    input: KubeObject,
    old: StoredObject | undefined,
    options: WriteOptions,
    warnings: string[],
    subresource?: 'status',
  ): KubeObject {
    const name = input.metadata?.name ?? old?.metadata.name ?? '';
    const pruned = prune(def.schema, input, '', old);
    const unknown = pruned.unknown;
    if (unknown.length > 0) {
      const mode = options.fieldValidation ?? 'Ignore';
      if (mode === 'Strict') {
        throw errors.badRequest(
          `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`,
        );
      }
      if (mode === 'Warn') warnings.push(...unknown.map((u) => `unknown field "${u}"`));
    }
    // Decoding order of kube-apiserver for custom resources: prune, then default.
    let object = this.intern(def, applyDefaults(def.schema, pruned.value) as KubeObject);
    const causes: StatusCause[] = validate(def.schema, object, '', old);
    causes.push(...validateMetadata(object.metadata ?? {}, { label: def === namespaces }));
    if (def.admit && causes.length === 0) {
      const admitted = def.admit(object, old);
      object = admitted.object;
      causes.push(...admitted.causes);
    }
    if (causes.length > 0)
      throw errors.invalid(
        def,
        name,
        causes.map((c) => ({ ...c, message: c.message })),
      );
    // Validating admission runs after the schema (a 422 comes before a webhook's 403), and only
    // on the main resource: BMO's webhook is not registered for baremetalhosts/status.
    if (def.webhook && subresource === undefined) {
      const denied = def.webhook.review(object, old);
      if (denied.length > 0) throw webhookDenial(def.webhook.name, denied);
    }
    if (old && (old as { immutable?: boolean }).immutable && JSON.stringify(old.data) !== JSON.stringify(object.data)) {
      throw errors.invalid(def, name, [{ reason: 'FieldValueForbidden', field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' }]);
    }
    return object;
  }

  /**
   * Identical large subtrees (every fixture host reports the same hardware) are stored once:
   * for the paths a resource names, an equal value reuses the reference already stored.
   */
  private intern(def: ResourceDef, object: KubeObject): KubeObject {
    let out = object;
    for (const path of def.internPaths ?? []) {
      const [top, field] = path.split('.') as [string, string];
      const parent = out[top] as Record<string, unknown> | undefined;
      const value = parent?.[field];
      if (value === undefined || value === null || typeof value !== 'object') continue;
      const key = `${path}\u0000${JSON.stringify(value)}`;
      const shared = this.interned.get(key);
      if (shared === undefined) {
        if (this.interned.size >= 64) this.interned.delete(this.interned.keys().next().value!);
        this.interned.set(key, value);
      } else if (shared !== value) {
        out = { ...out, [top]: { ...parent, [field]: shared } };
      }
    }
    return out;
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
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } } as StoredObject;
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
    const tombstone = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } } as StoredObject;
    this.emit({ rv: this.rv, type: 'DELETED', def, object: tombstone });
  }

  private emit(event: StoreEvent): void {
    this.log.append(event);
    for (const listener of [...this.listeners]) listener(event);
  }

  private bucket(def: ResourceDef): Map<string, StoredObject> {
    const bucket = this.buckets.get(def);
    if (!bucket) throw errors.internal(`unknown resource ${def.plural}`);
    return bucket;
  }
}

/** Finalizers keep a deleted object; a namespace is also kept by its `spec.finalizers`. */
function hasBlockers(def: ResourceDef, obj: KubeObject): boolean {
  if ((obj.metadata?.finalizers ?? []).length > 0) return true;
  return def === namespaces && ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0;
}

function compareKeys(a: StoredObject, b: StoredObject): number {
  const ak = objectKey(a.metadata.namespace, a.metadata.name);
  const bk = objectKey(b.metadata.namespace, b.metadata.name);
  return ak < bk ? -1 : ak > bk ? 1 : 0;
}
