/**
 * The per-host objects BMO creates in fixture (test) mode besides HardwareData, so that
 * `kubectl get hfs` shows what it shows on kind. Part of the operator, not of the API server:
 * started beside the twin (main.ts), never when FLEET_OPERATOR=none.
 *
 * - HostFirmwareSettings, one per host, named after it and owned by it (not as controller):
 *   created when the host's credentials first work (upstream internal/controller/metal3.io/
 *   baremetalhost_controller.go:1042 in registerHost, :2198-2232 createHostFirmwareSettings),
 *   never for a host being deleted (:1032).
 * - The HostFirmwareSettings controller (hostfirmwaresettings_controller.go): the fixture
 *   reports no settings and no schema (pkg/provisioner/fixture/fixture.go:404-407), so each
 *   namespace gets one FirmwareSchema named after the empty schema's hash, `schema-4f53cda1`
 *   (GetSchemaName, :477-507), owned by every HFS that uses it (:315-378); each HFS's status
 *   points at it with empty settings, Valid=True and ChangeDetected=False (updateStatus,
 *   :211-312), or ChangeDetected=True and Valid=False ("Invalid BIOS setting") when its spec
 *   asks for settings the (empty) schema does not have. Hosts that are unmanaged, not enrolled,
 *   detached or paused are skipped (host_state_machine.go:279-298 skipReconcileSubresource).
 *
 * Not created, and why: HostFirmwareComponents only when the provisioner reports firmware
 * components (baremetalhost_controller.go:1046), which the fixture never does; a
 * PreprovisioningImage only when the provisioner has image formats (:784-788, :907), nil for the
 * fixture; HostUpdatePolicy is only read (acquireHostUpdatePolicy), never created.
 */
import { ApiError } from './api-error';
import { apiVersionOf, bareMetalHosts, firmwareSchemas, hostFirmwareSettings, type ResourceDef } from './resources';
import type { ClusterStore } from './store';
import type { KubeObject, OwnerReference, StoredObject } from '../kube/object';

// sha256 of fmt.Sprintf("%v", []string{}) = "[]", first 8 hex digits (GetSchemaName of no schema).
export const EMPTY_SCHEMA_NAME = 'schema-4f53cda1';

interface HostStatus {
  goodCredentials?: { credentialsVersion?: string };
  operationalStatus?: string;
  provisioning?: { state?: string };
  hardware?: { systemVendor?: { manufacturer?: string; productName?: string } };
}

const statusOf = (host: StoredObject) => (host.status ?? {}) as HostStatus;
const ownerRef = (owner: StoredObject, def: ResourceDef) => ({
  apiVersion: apiVersionOf(def),
  kind: def.kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid,
});

function ignoreRaces(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 404 && error.code !== 409)) throw error;
  }
}

/** host_state_machine.go:279-298. */
function skipped(host: StoredObject): boolean {
  const status = statusOf(host);
  const annotations = host.metadata.annotations ?? {};
  if (['', 'unmanaged'].includes(status.provisioning?.state ?? '')) return true;
  if (status.operationalStatus === 'detached' || 'baremetalhost.metal3.io/detached' in annotations) return true;
  return 'baremetalhost.metal3.io/paused' in annotations;
}

type Condition = { type: string; status: string; reason: string; message: string; observedGeneration: number; lastTransitionTime: string };

/** meta.SetStatusCondition: the transition time moves only when the status changes. */
function condition(previous: Condition[], type: string, status: string, reason: string, message: string, generation: number, now: string): Condition {
  const old = previous.find((c) => c.type === type);
  return { type, status, reason, message, observedGeneration: generation, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now };
}

/** etcd's default --max-request-bytes: the largest object the API server can store. */
export const ETCD_MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;

interface SchemaOwners {
  rv: string;
  uids: Set<string>;
  bytes: number;
  full: boolean;
}

export interface FirmwareSettingsOptions {
  now?: () => Date;
  log?: (message: string) => void;
  /** etcd's limit (tests lower it). */
  maxRequestBytes?: number;
}

export function startFirmwareSettings(store: ClusterStore, options: FirmwareSettingsOptions = {}): () => void {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? console.log;
  const maxRequestBytes = options.maxRequestBytes ?? ETCD_MAX_REQUEST_BYTES;
  const stamp = () =>
    now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const pending = new Set<string>();
  const ownersByNamespace = new Map<string, SchemaOwners>();

  function ensureSettings(host: StoredObject): void {
    const ns = host.metadata.namespace!;
    if (host.metadata.deletionTimestamp || !statusOf(host).goodCredentials?.credentialsVersion) return;
    if (store.get(hostFirmwareSettings, ns, host.metadata.name)) return;
    const hfs = { metadata: { name: host.metadata.name, namespace: ns, ownerReferences: [ownerRef(host, bareMetalHosts)] }, spec: { settings: {} } };
    ignoreRaces(() => store.create(hostFirmwareSettings, hfs, ns));
  }

  /**
   * Adds the HostFirmwareSettings as an owner of its namespace's FirmwareSchema, as BMO does on
   * every reconcile (getOrCreateFirmwareSchema, hostfirmwaresettings_controller.go:315-341). Returns false when the API server
   * would refuse the update: with one owner per host the schema grows without end, and etcd
   * refuses a request over its --max-request-bytes (1.5 MiB, about 12,000 owners here; fewer on
   * a real cluster, which also stores managedFields), so BMO's reconcile fails there (:173, :192-195)
   * and the HostFirmwareSettings' status is never written.
   */
  function ensureSchema(hfs: StoredObject, host: StoredObject): boolean {
    const ns = hfs.metadata.namespace!;
    const existing = store.get(firmwareSchemas, ns, EMPTY_SCHEMA_NAME);
    const ref = ownerRef(hfs, hostFirmwareSettings);
    if (!existing) {
      const vendor = statusOf(host).hardware?.systemVendor;
      const spec = { schema: {}, ...(vendor ? { hardwareVendor: vendor.manufacturer ?? '', hardwareModel: vendor.productName ?? '' } : {}) };
      ignoreRaces(() => store.create(firmwareSchemas, { metadata: { name: EMPTY_SCHEMA_NAME, namespace: ns, ownerReferences: [ref] }, spec }, ns));
      return true;
    }
    const owners = schemaOwners(existing);
    if (owners.uids.has(ref.uid)) return true;
    const bytes = owners.bytes + JSON.stringify(ref).length + 1;
    if (bytes > maxRequestBytes) {
      if (!owners.full)
        log(
          `FirmwareSchema ${ns}/${EMPTY_SCHEMA_NAME} has ${owners.uids.size} owners and etcd refuses it larger (request is too large): as BMO's, the HostFirmwareSettings controller fails for further hosts in ${ns}`,
        );
      owners.full = true;
      return false;
    }
    // A plain copy loop: slice and spread of a frozen array take V8's slow path.
    const before = existing.metadata.ownerReferences ?? [];
    const ownerReferences = new Array<OwnerReference>(before.length + 1);
    for (let i = 0; i < before.length; i++) ownerReferences[i] = before[i]!;
    ownerReferences[before.length] = ref;
    const metadata = { ...existing.metadata, ownerReferences };
    ignoreRaces(() => {
      const updated = store.update(firmwareSchemas, { ...existing, metadata }, ns, EMPTY_SCHEMA_NAME, undefined).object;
      owners.uids.add(ref.uid);
      owners.bytes = bytes;
      owners.rv = updated.metadata.resourceVersion;
    });
    return true;
  }

  /** The schema's owner uids and encoded size, kept across writes so each host costs one lookup, not a scan. */
  function schemaOwners(schema: StoredObject): SchemaOwners {
    const key = schema.metadata.namespace!;
    const known = ownersByNamespace.get(key);
    if (known?.rv === schema.metadata.resourceVersion) return known;
    const fresh: SchemaOwners = {
      rv: schema.metadata.resourceVersion,
      uids: new Set((schema.metadata.ownerReferences ?? []).map((o) => o.uid)),
      bytes: JSON.stringify(schema).length,
      full: known?.full ?? false,
    };
    ownersByNamespace.set(key, fresh);
    return fresh;
  }

  function reconcileSettings(hfs: StoredObject): void {
    const ns = hfs.metadata.namespace!;
    const host = store.get(bareMetalHosts, ns, hfs.metadata.name);
    if (!host || skipped(host) || hfs.metadata.deletionTimestamp) return;
    if (!ensureSchema(hfs, host)) return;
    const previous = ((hfs.status as { conditions?: Condition[] } | undefined)?.conditions ?? []) as Condition[];
    const wanted = Object.keys(((hfs.spec as { settings?: object } | undefined)?.settings ?? {}) as object).length > 0;
    const generation = hfs.metadata.generation ?? 1;
    const t = stamp();
    const conditions = wanted
      ? [
          condition(previous, 'ChangeDetected', 'True', 'Success', '', generation, t),
          condition(previous, 'Valid', 'False', 'ConfigurationError', 'Invalid BIOS setting', generation, t),
        ]
      : [condition(previous, 'Valid', 'True', 'Success', '', generation, t), condition(previous, 'ChangeDetected', 'False', 'Success', '', generation, t)];
    const old = (hfs.status ?? {}) as { schema?: unknown; settings?: unknown; conditions?: Condition[] };
    const same = (a: Condition[], b: Condition[]) => a.length === b.length && a.every((c) => b.some((d) => d.type === c.type && d.status === c.status));
    if (old.schema && old.settings && same(conditions, previous)) return;
    const status = { settings: {}, schema: { name: EMPTY_SCHEMA_NAME, namespace: ns }, conditions, lastUpdated: t };
    ignoreRaces(() => store.update(hostFirmwareSettings, { ...hfs, status } as KubeObject, ns, hfs.metadata.name, 'status'));
  }

  function run(key: string): void {
    pending.delete(key);
    const [kind, ns, name] = key.split('/') as [string, string, string];
    const host = store.get(bareMetalHosts, ns, name);
    if (kind === 'host' && host) ensureSettings(host);
    const hfs = store.get(hostFirmwareSettings, ns, name);
    if (hfs) reconcileSettings(hfs);
  }

  const schedule = (key: string) => {
    if (pending.has(key)) return;
    pending.add(key);
    setImmediate(() => run(key));
  };

  const unsubscribe = store.subscribe((event) => {
    if (event.type === 'DELETED') return;
    const { namespace, name } = event.object.metadata;
    if (event.def === bareMetalHosts) schedule(`host/${namespace}/${name}`);
    else if (event.def === hostFirmwareSettings) schedule(`hfs/${namespace}/${name}`);
  });
  for (const host of store.list(bareMetalHosts)) schedule(`host/${host.metadata.namespace}/${host.metadata.name}`);
  return unsubscribe;
}
