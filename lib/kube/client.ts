/**
 * The calls Fleetscope makes to a Kubernetes API, all through @kubernetes/client-node, whether
 * the cluster is the embedded one or a real one. Wire types in, wire types out.
 */
import {
  CoreV1Api,
  CustomObjectsApi,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type V1Secret,
} from '@kubernetes/client-node';
import { BMH_GROUP, BMH_PLURAL, BMH_VERSION, type BareMetalHost } from '../bmh/types';
import type { ListPage } from './list-watch';
import type { KubeObject } from './object';

export type JsonPatchOp = { op: 'add' | 'replace' | 'remove' | 'test'; path: string; value?: unknown };

const bmh = { group: BMH_GROUP, version: BMH_VERSION, plural: BMH_PLURAL };
const hardwareData = { group: BMH_GROUP, version: BMH_VERSION, plural: 'hardwaredata' };
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const json = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

import { statusCode } from './errors';

export { errorMessage, statusCode } from './errors';

export class KubeClient {
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;

  constructor(readonly kubeconfig: KubeConfig) {
    this.custom = kubeconfig.makeApiClient(CustomObjectsApi);
    this.core = kubeconfig.makeApiClient(CoreV1Api);
  }

  server(): string {
    return this.kubeconfig.getCurrentCluster()?.server ?? '';
  }

  bmhPath(namespace?: string): string {
    return namespace ? `/apis/${BMH_GROUP}/${BMH_VERSION}/namespaces/${namespace}/${BMH_PLURAL}` : `/apis/${BMH_GROUP}/${BMH_VERSION}/${BMH_PLURAL}`;
  }

  secretPath(namespace?: string): string {
    return namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets';
  }

  listBmhPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<BareMetalHost>> {
    return namespace
      ? this.custom.listNamespacedCustomObject({ ...bmh, namespace, limit, _continue: continueToken })
      : this.custom.listClusterCustomObject({ ...bmh, limit, _continue: continueToken });
  }

  async listSecretPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<V1Secret>> {
    const page = namespace
      ? await this.core.listNamespacedSecret({ namespace, limit, _continue: continueToken })
      : await this.core.listSecretForAllNamespaces({ limit, _continue: continueToken });
    return { items: page.items, metadata: { resourceVersion: page.metadata?.resourceVersion, continue: page.metadata?._continue } };
  }

  getBmh(namespace: string, name: string): Promise<BareMetalHost> {
    return this.custom.getNamespacedCustomObject({ ...bmh, namespace, name });
  }

  createBmh(namespace: string, body: KubeObject): Promise<BareMetalHost> {
    return this.custom.createNamespacedCustomObject({ ...bmh, namespace, body });
  }

  /** JSON merge patch of the main resource (spec, metadata). */
  patchBmh(namespace: string, name: string, patch: object): Promise<BareMetalHost> {
    return this.custom.patchNamespacedCustomObject({ ...bmh, namespace, name, body: patch }, merge);
  }

  /** JSON patch of the status subresource: keeps the explicit nulls BMO writes (operationHistory). */
  patchBmhStatus(namespace: string, name: string, ops: JsonPatchOp[]): Promise<BareMetalHost> {
    return this.custom.patchNamespacedCustomObjectStatus({ ...bmh, namespace, name, body: ops }, json);
  }

  deleteBmh(namespace: string, name: string): Promise<unknown> {
    return this.custom.deleteNamespacedCustomObject({ ...bmh, namespace, name });
  }

  createSecret(namespace: string, body: V1Secret): Promise<V1Secret> {
    return this.core.createNamespacedSecret({ namespace, body });
  }

  patchSecret(namespace: string, name: string, patch: object): Promise<V1Secret> {
    return this.core.patchNamespacedSecret({ namespace, name, body: patch }, merge);
  }

  /** Strategic merge patch: unions finalizers and merges ownerReferences by uid, as BMO's claim does. */
  patchSecretStrategic(namespace: string, name: string, patch: object): Promise<V1Secret> {
    return this.core.patchNamespacedSecret({ namespace, name, body: patch }, strategic);
  }

  deleteSecret(namespace: string, name: string): Promise<unknown> {
    return this.core.deleteNamespacedSecret({ namespace, name });
  }

  createHardwareData(namespace: string, body: KubeObject): Promise<KubeObject> {
    return this.custom.createNamespacedCustomObject({ ...hardwareData, namespace, body });
  }

  patchHardwareData(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.custom.patchNamespacedCustomObject({ ...hardwareData, namespace, name, body: patch }, merge);
  }

  createEvent(namespace: string, body: KubeObject): Promise<unknown> {
    return this.core.createNamespacedEvent({ namespace, body: body as never });
  }

  async ensureNamespace(name: string): Promise<void> {
    try {
      await this.core.readNamespace({ name });
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
      try {
        await this.core.createNamespace({ body: { metadata: { name } } });
      } catch (createError) {
        if (statusCode(createError) !== 409) throw createError;
      }
    }
  }
}
