/** An embedded cluster on a free port with its own data directory, for integration tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster, type EmbeddedCluster, type EmbeddedClusterOptions } from '../fake-cluster/cluster';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { KubeClient } from '../kube/client';
import { loadKubeconfig } from '../kube/kubeconfig';

export interface TestCluster extends EmbeddedCluster {
  client: KubeClient<BareMetalHost>;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestCluster(options: EmbeddedClusterOptions = {}): Promise<TestCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-test-'));
  const cluster = await startEmbeddedCluster({ port: 0, dataDir, ...options });
  const client = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
  return {
    ...cluster,
    client,
    dataDir,
    stop: async () => {
      await cluster.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value or the time is up. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function secretManifest(name: string, namespace: string, data: Record<string, string> = { username: 'admin', password: 'secret-pw' }) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  };
}

export function bmhManifest(name: string, namespace: string, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: { name, namespace },
    spec: { online: true, bmc: { address: 'ipmi://10.0.0.1:623', credentialsName: `${name}-bmc-secret` }, ...spec },
  };
}
