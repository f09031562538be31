/**
 * The embedded fake cluster: store, controllers and API server together, plus the kubeconfig
 * that reaches it. This is what `npm run cluster` and `npm start` (by default) run.
 */
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { startControllers } from './controllers';
import { startApiServer, type ApiServerOptions } from './http/server';
import { kubeconfigYaml, writeFileAtomic } from './kubeconfig';
import { namespaces, RESOURCES } from './resources';
import { ClusterStore, type StoreOptions } from './store';
import { makeServingCertificate } from './tls';

export interface EmbeddedClusterOptions extends StoreOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  bookmarkIntervalMs?: number;
  beforeRequest?: ApiServerOptions['beforeRequest'];
}

export interface EmbeddedCluster {
  url: string;
  port: number;
  token: string;
  caPem: string;
  kubeconfigPath: string;
  store: ClusterStore;
  close(): Promise<void>;
}

export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function newClusterStore(options: StoreOptions = {}): ClusterStore {
  const store = new ClusterStore(RESOURCES, options);
  for (const name of DEFAULT_NAMESPACES) {
    if (!store.get(namespaces, undefined, name)) store.create(namespaces, { metadata: { name } }, undefined);
  }
  return store;
}

export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const store = newClusterStore(options);
  const stopControllers = startControllers(store);
  const token = randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const certificate = makeServingCertificate([host, 'localhost']);
  const server = await startApiServer({
    store,
    token,
    tls: certificate,
    host,
    port: options.port ?? 6443,
    now: options.now,
    bookmarkIntervalMs: options.bookmarkIntervalMs,
    beforeRequest: options.beforeRequest,
  });
  const kubeconfigPath = resolve(join(options.dataDir ?? '.fleet', 'kubeconfig'));
  await writeFileAtomic(kubeconfigPath, kubeconfigYaml(server.url, certificate.caPem, token));
  return {
    url: server.url,
    port: server.port,
    token,
    caPem: certificate.caPem,
    kubeconfigPath,
    store,
    close: async () => {
      stopControllers();
      await server.close();
    },
  };
}
