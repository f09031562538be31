/**
 * The calls the dashboard makes to a Kubernetes API, whichever client makes them: the lean one
 * (raw-client.ts, for kubeconfigs with static credentials, the embedded cluster's among them)
 * or client-node's (client.ts, for exec and auth-provider plugins). Types only: importing this
 * loads neither client.
 */
import type { CoreV1Event, V1Secret } from '@kubernetes/client-node';
import type { ListPage } from './list-watch';
import type { KubeObject } from './object';

export type JsonPatchOp = { op: 'add' | 'replace' | 'remove' | 'test'; path: string; value?: unknown };

export interface KubeApi<H extends KubeObject = KubeObject> {
  bmhPath(namespace?: string): string;
  listBmhPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<H>>;
  getBmh(namespace: string, name: string): Promise<H>;
  createBmh(namespace: string, body: KubeObject): Promise<H>;
  /** JSON merge patch of the main resource (spec, metadata). */
  patchBmh(namespace: string, name: string, patch: object): Promise<H>;
  deleteBmh(namespace: string, name: string): Promise<unknown>;
  createSecret(namespace: string, body: V1Secret): Promise<V1Secret>;
  deleteSecret(namespace: string, name: string): Promise<unknown>;
  ensureNamespace(name: string): Promise<void>;
  /** Events of one namespace that match a field selector. */
  listEvents(namespace: string, fieldSelector: string): Promise<{ items: CoreV1Event[] }>;
}
