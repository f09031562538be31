/**
 * The twin's way into the embedded cluster when both run in the cluster process: the same
 * writes as over HTTPS (the store's create and update, so every one is pruned, defaulted,
 * validated and reviewed by BMO's webhook exactly as a request is, and gets its resourceVersion
 * and watch event), without TLS, HTTP and JSON in between. Over HTTPS the twin spent more than
 * half of the process's time encrypting, framing and parsing its own traffic.
 *
 * What the twin is limited by stays in the twin: its workers and its client's QPS and burst
 * (lib/twin/scheduler.ts) gate every call made here, as they gate BMO's client. Objects are
 * handed over as the store keeps them (frozen, shared): the twin reads them and never writes
 * to them.
 */
import { ApiError, errors } from './api-error';
import { jsonPatch, mergePatch, strategicMergePatch } from './patch';
import { bareMetalHosts, events, hardwareData, secrets, type ResourceDef } from './resources';
import type { ClusterStore } from './store';
import type { StoreEvent } from './event-log';
import type { JsonPatchOp } from '../kube/client';
import { HttpStatusError } from '../kube/errors';
import type { ListPage } from '../kube/list-watch';
import { isPlainObject, resourcePath, type KubeObject, type StoredObject } from '../kube/object';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import type { TwinApi } from '../twin/writer';

/** An ApiError as a client sees it: the HTTP code and the Status body (lib/kube/errors.ts). */
function asHttpError(error: unknown): unknown {
  return error instanceof ApiError ? new HttpStatusError(error.code, JSON.stringify(error.toStatus())) : error;
}

function call<T>(action: () => T): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(asHttpError(error));
  }
}

type Watched = { def: ResourceDef; namespace: string | undefined };

export class StoreClient implements TwinApi {
  constructor(private readonly store: ClusterStore) {}

  bmhPath(namespace?: string): string {
    return resourcePath(METAL3_RESOURCES.hosts, namespace);
  }

  secretPath(namespace?: string): string {
    return namespace ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets` : '/api/v1/secrets';
  }

  listBmhPage(namespace: string | undefined): Promise<ListPage<BareMetalHost>> {
    return call(() => this.list(bareMetalHosts, namespace) as ListPage<BareMetalHost>);
  }

  listSecretPage(namespace: string | undefined): Promise<ListPage<KubeObject>> {
    return call(() => this.list(secrets, namespace));
  }

  patchBmhStatus(namespace: string, name: string, ops: JsonPatchOp[]): Promise<BareMetalHost> {
    return call(() => this.patch(bareMetalHosts, namespace, name, (current) => jsonPatch(current, ops), 'status') as BareMetalHost);
  }

  patchBmh(namespace: string, name: string, patch: object): Promise<BareMetalHost> {
    return call(() => this.patch(bareMetalHosts, namespace, name, (current) => mergePatch(current, patch)) as BareMetalHost);
  }

  patchSecretStrategic(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return call(() => this.patch(secrets, namespace, name, (current) => strategicMergePatch(current, patch)));
  }

  createHardwareData(namespace: string, body: KubeObject): Promise<KubeObject> {
    return call(() => this.store.create(hardwareData, body, namespace).object);
  }

  patchHardwareData(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return call(() => this.patch(hardwareData, namespace, name, (current) => mergePatch(current, patch)));
  }

  createEvent(namespace: string, body: KubeObject): Promise<unknown> {
    return call(() => this.store.create(events, body, namespace).object);
  }

  /**
   * A watch as the API server serves one: from `resourceVersion` (410 Gone once compacted, as
   * an ERROR event), events in resourceVersion order, delivered in a later task like a socket's.
   */
  watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: unknown) => void,
    done: (error: unknown) => void,
  ): Promise<AbortController> {
    const controller = new AbortController();
    const target = this.watched(path);
    const rv = Number(params.resourceVersion ?? 0);
    const replay = rv > 0 && rv <= Number(this.store.resourceVersion()) ? this.store.eventsSince(rv, target.def) : undefined;
    if (rv > 0 && !replay) {
      setImmediate(() => {
        onEvent('ERROR', errors.gone(`too old resource version: ${rv} (${this.store.oldestResumableVersion(target.def)})`).toStatus());
        done(null);
      });
      return Promise.resolve(controller);
    }
    let queue: StoreEvent[] = (replay ?? []).filter((e) => matches(e, target));
    let flushing = false;
    const flush = () => {
      flushing = false;
      const batch = queue;
      queue = [];
      for (const e of batch) if (!controller.signal.aborted) onEvent(e.type, e.object);
    };
    const push = (e: StoreEvent) => {
      if (!matches(e, target)) return;
      queue.push(e);
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
    };
    const unsubscribe = this.store.subscribe(push);
    if (queue.length > 0) {
      flushing = true;
      setImmediate(flush);
    }
    controller.signal.addEventListener('abort', () => {
      unsubscribe();
      done(null);
    });
    return Promise.resolve(controller);
  }

  private list(def: ResourceDef, namespace: string | undefined): ListPage<KubeObject> {
    return { items: this.store.list(def, namespace), metadata: { resourceVersion: this.store.resourceVersion() } };
  }

  private patch(def: ResourceDef, namespace: string, name: string, apply: (current: StoredObject) => unknown, subresource?: 'status'): KubeObject {
    const current = this.store.get(def, namespace, name);
    if (!current) throw errors.notFound(def, name);
    const patched = apply(current);
    if (!isPlainObject(patched)) throw errors.badRequest('the patch did not produce an object');
    return this.store.update(def, patched as KubeObject, namespace, name, subresource).object;
  }

  private watched(path: string): Watched {
    for (const def of [bareMetalHosts, secrets]) {
      const cluster = def === secrets ? this.secretPath() : this.bmhPath();
      if (path === cluster) return { def, namespace: undefined };
      const prefix = def === secrets ? '/api/v1/namespaces/' : `/apis/${def.group}/${def.version}/namespaces/`;
      if (path.startsWith(prefix) && path.endsWith(`/${def.plural}`)) {
        return { def, namespace: decodeURIComponent(path.slice(prefix.length, -def.plural.length - 1)) };
      }
    }
    throw new Error(`StoreClient cannot watch ${path}`);
  }
}

function matches(event: StoreEvent, target: Watched): boolean {
  return event.def === target.def && (target.namespace === undefined || event.object.metadata.namespace === target.namespace);
}
