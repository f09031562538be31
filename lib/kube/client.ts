/**
 * The calls Fleetscope makes to a Kubernetes API, all through @kubernetes/client-node, whether
 * the cluster is the embedded one or a real one. Wire types in, wire types out.
 */
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type CoreV1Event, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { JsonPatchOp, KubeApi } from './api';
import type { ListPage } from './list-watch';
import { resourcePath, type HostResources, type KubeObject, type ResourceDescriptor } from './object';

export type { JsonPatchOp };

const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const json = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);
const strategic = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);

import { statusCode } from './errors';

export { errorMessage, statusCode } from './errors';

/**
 * `H` is the hosts' wire type; which resource they are is the caller's to say (`resources`),
 * so that this transport knows no resource of its own.
 */
export class KubeClient<H extends KubeObject = KubeObject> implements KubeApi<H> {
  readonly custom: CustomObjectsApi;
  readonly core: CoreV1Api;
  private readonly hosts: ResourceDescriptor;
  private readonly hardwareData: ResourceDescriptor;

  constructor(
    readonly kubeconfig: KubeConfig,
    resources: HostResources,
  ) {
    this.custom = kubeconfig.makeApiClient(CustomObjectsApi);
    this.core = kubeconfig.makeApiClient(CoreV1Api);
    this.hosts = resources.hosts;
    this.hardwareData = resources.hardwareData;
  }

  server(): string {
    return this.kubeconfig.getCurrentCluster()?.server ?? '';
  }

  bmhPath(namespace?: string): string {
    return resourcePath(this.hosts, namespace);
  }

  secretPath(namespace?: string): string {
    return namespace ? `/api/v1/namespaces/${namespace}/secrets` : '/api/v1/secrets';
  }

  listBmhPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<H>> {
    return namespace
      ? this.custom.listNamespacedCustomObject({ ...this.hosts, namespace, limit, _continue: continueToken })
      : this.custom.listClusterCustomObject({ ...this.hosts, limit, _continue: continueToken });
  }

  async listSecretPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<V1Secret>> {
    const page = namespace
      ? await this.core.listNamespacedSecret({ namespace, limit, _continue: continueToken })
      : await this.core.listSecretForAllNamespaces({ limit, _continue: continueToken });
    return { items: page.items, metadata: { resourceVersion: page.metadata?.resourceVersion, continue: page.metadata?._continue } };
  }

  getBmh(namespace: string, name: string): Promise<H> {
    return this.custom.getNamespacedCustomObject({ ...this.hosts, namespace, name });
  }

  createBmh(namespace: string, body: KubeObject): Promise<H> {
    return this.custom.createNamespacedCustomObject({ ...this.hosts, namespace, body });
  }

  /** JSON merge patch of the main resource (spec, metadata). */
  patchBmh(namespace: string, name: string, patch: object): Promise<H> {
    return this.custom.patchNamespacedCustomObject({ ...this.hosts, namespace, name, body: patch }, merge);
  }

  /** JSON patch of the status subresource: keeps the explicit nulls BMO writes (operationHistory). */
  patchBmhStatus(namespace: string, name: string, ops: JsonPatchOp[]): Promise<H> {
    return this.custom.patchNamespacedCustomObjectStatus({ ...this.hosts, namespace, name, body: ops }, json);
  }

  deleteBmh(namespace: string, name: string): Promise<unknown> {
    return this.custom.deleteNamespacedCustomObject({ ...this.hosts, namespace, name });
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
    return this.custom.createNamespacedCustomObject({ ...this.hardwareData, namespace, body });
  }

  patchHardwareData(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.custom.patchNamespacedCustomObject({ ...this.hardwareData, namespace, name, body: patch }, merge);
  }

  createEvent(namespace: string, body: KubeObject): Promise<unknown> {
    return this.core.createNamespacedEvent({ namespace, body: body as never });
  }

  listEvents(namespace: string, fieldSelector: string): Promise<{ items: CoreV1Event[] }> {
    return this.core.listNamespacedEvent({ namespace, fieldSelector });
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
