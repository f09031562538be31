/** The wire shapes shared by the fake cluster, the twin and the watcher. Kept tiny on purpose. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** A stored object always has these metadata fields. */
export interface StoredObject extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Where a custom resource lives in the API (group, version and plural name of its path). */
export interface ResourceDescriptor {
  group: string;
  version: string;
  plural: string;
}

/** The resources a Fleetscope client works with, given by its owner (lib/bmh/types.ts has Metal3's). */
export interface HostResources {
  /** The hosts the client lists, watches and changes (`…Bmh…` methods). */
  hosts: ResourceDescriptor;
  /** The per-host inspection data the twin writes. */
  hardwareData: ResourceDescriptor;
}

/** The collection path of a custom resource, in a namespace or across all. */
export function resourcePath(resource: ResourceDescriptor, namespace?: string): string {
  const base = `/apis/${resource.group}/${resource.version}`;
  return namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}` : `${base}/${resource.plural}`;
}
