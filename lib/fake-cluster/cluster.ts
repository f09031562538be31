/**
 * The embedded fake cluster: store, controllers and API server together, plus the kubeconfig
 * that reaches it. This is what `npm run cluster` and `npm start` (by default) run. Its state,
 * certificate and token live in the data directory, so a restart keeps hosts and kubeconfigs.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startControllers } from './controllers';
import { startApiServer, type ApiServerOptions } from './http/server';
import { KUBECONFIG_NAMESPACE, kubeconfigYaml, writeFileAtomic } from './kubeconfig';
import { CorruptStateError, loadState, readReservedResourceVersion, setAside, StateSaver } from './persistence';
import { namespaces, RESOURCES } from './resources';
import { ClusterStore, type StoreOptions } from './store';
import { loadOrMakeServingCertificate, makeServingCertificate } from './tls';

export interface EmbeddedClusterOptions extends StoreOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  /** Keep state in the data directory across restarts (default true). */
  persist?: boolean;
  saveIntervalMs?: number;
  bookmarkIntervalMs?: number;
  beforeRequest?: ApiServerOptions['beforeRequest'];
  log?: (message: string) => void;
}

export interface EmbeddedCluster {
  url: string;
  port: number;
  token: string;
  caPem: string;
  kubeconfigPath: string;
  store: ClusterStore;
  /** Cuts every open watch (fault injection: clients must resume). */
  dropWatches(): void;
  /** Writes the state now, synchronously (safe in an 'exit' handler). */
  saveState(): void;
  close(): Promise<void>;
}

/** The namespaces kube-apiserver's system-namespaces controller keeps (it recreates them when missing). */
export const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * A fresh cluster also has the written kubeconfig's context namespace (`metal3`), so the Metal3
 * scaling post's `produce-available-hosts.sh | kubectl apply -f -` works as the post runs it. Only
 * on a fresh cluster: a user who deletes it later keeps it deleted.
 */
export const FRESH_NAMESPACES = [...DEFAULT_NAMESPACES, KUBECONFIG_NAMESPACE];

function withNamespaces(store: ClusterStore, names: readonly string[]): ClusterStore {
  for (const name of names) {
    if (!store.get(namespaces, undefined, name)) store.create(namespaces, { metadata: { name } }, undefined);
  }
  return store;
}

export function newClusterStore(options: StoreOptions = {}): ClusterStore {
  return withNamespaces(new ClusterStore(RESOURCES, options), FRESH_NAMESPACES);
}

/** A restored store, or an empty one when there is no state (or it had to be set aside). */
function restoredStore(statePath: string | undefined, options: StoreOptions, log: (m: string) => void): ClusterStore {
  if (!statePath) return newClusterStore(options);
  // Continue after every resourceVersion an earlier run may have handed out, saved or not.
  const reserved = readReservedResourceVersion(statePath);
  try {
    const state = loadState(statePath, RESOURCES);
    if (!state) return newClusterStore({ ...options, initialResourceVersion: reserved });
    const resourceVersion = Math.max(state.resourceVersion, reserved);
    const store = new ClusterStore(RESOURCES, { ...options, initialResourceVersion: resourceVersion });
    for (const [def, objects] of state.objects) store.restore(def, objects, resourceVersion);
    const hosts = [...state.objects].reduce((n, [def, objects]) => n + (def.plural === 'baremetalhosts' ? objects.length : 0), 0);
    log(`restored ${hosts} BareMetalHosts from ${statePath} (resourceVersion ${resourceVersion})`);
    return withNamespaces(store, DEFAULT_NAMESPACES);
  } catch (error) {
    if (!(error instanceof CorruptStateError) && !(error instanceof SyntaxError)) throw error;
    const aside = setAside(statePath);
    log(`could not read the saved cluster state (${error.message}); it was moved to ${aside} and the cluster starts empty`);
    return newClusterStore({ ...options, initialResourceVersion: reserved });
  }
}

function loadOrMakeToken(path: string): string {
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(token)) return token;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, token, { mode: 0o600 });
  return token;
}

export async function startEmbeddedCluster(options: EmbeddedClusterOptions = {}): Promise<EmbeddedCluster> {
  const log = options.log ?? ((m: string) => console.log(`[fleetscope] ${m}`));
  const dataDir = resolve(options.dataDir ?? '.fleet');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const persist = options.persist ?? true;
  const statePath = persist ? join(dataDir, 'state.jsonl') : undefined;
  const store = restoredStore(statePath, options, log);
  const stopControllers = startControllers(store);
  const saver = statePath ? new StateSaver(store, statePath, options.saveIntervalMs) : undefined;
  const host = options.host ?? '127.0.0.1';
  const certificate = persist ? loadOrMakeServingCertificate(join(dataDir, 'pki'), [host, 'localhost']) : makeServingCertificate([host, 'localhost']);
  const token = persist ? loadOrMakeToken(join(dataDir, 'token')) : randomBytes(24).toString('base64url');
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
  const kubeconfigPath = join(dataDir, 'kubeconfig');
  await writeFileAtomic(kubeconfigPath, kubeconfigYaml(server.url, certificate.caPem, token));
  return {
    url: server.url,
    port: server.port,
    token,
    caPem: certificate.caPem,
    kubeconfigPath,
    store,
    dropWatches: () => server.dropWatches(),
    saveState: () => saver?.flush(),
    close: async () => {
      stopControllers();
      saver?.stop();
      await server.close();
    },
  };
}
