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
import { keepDamaged, readReservedResourceVersion, StateSaver, type WriteFn } from './persistence';
import { describeSkipped, loadState } from './state-load';
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
  /** Fault injection: how state files are written (a full disk throws ENOSPC). */
  diskWrite?: WriteFn;
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
  /** What the dashboard should show: a damaged state file at start, a data directory it cannot write. */
  warnings(): string[];
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

/**
 * A restored store (every valid object of the saved state), or an empty one when there is none.
 * A damaged file is reported (returned as a warning for the page, and logged) and kept beside.
 */
async function restoredStore(
  statePath: string | undefined,
  options: StoreOptions,
  log: (m: string) => void,
): Promise<{ store: ClusterStore; warning?: string }> {
  if (!statePath) return { store: newClusterStore(options) };
  // Continue after every resourceVersion an earlier run may have handed out, saved or not.
  const reserved = readReservedResourceVersion(statePath);
  const state = await loadState(statePath, RESOURCES);
  if (!state) return { store: newClusterStore({ ...options, initialResourceVersion: reserved }) };
  const resourceVersion = Math.max(state.resourceVersion, reserved);
  const store = new ClusterStore(RESOURCES, { ...options, initialResourceVersion: resourceVersion });
  for (const [def, objects] of state.objects) store.restore(def, objects, resourceVersion);
  const hosts = [...state.objects].reduce((n, [def, objects]) => n + (def.plural === 'baremetalhosts' ? objects.length : 0), 0);
  log(`restored ${hosts} BareMetalHosts from ${statePath} (resourceVersion ${resourceVersion})`);
  if (state.skipped.length === 0) return { store: withNamespaces(store, DEFAULT_NAMESPACES) };
  const warning = describeSkipped(statePath, state, keepDamaged(statePath));
  log(`WARNING: ${warning}`);
  return { store: withNamespaces(store, DEFAULT_NAMESPACES), warning };
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
  const { store, warning } = await restoredStore(statePath, options, log);
  const stopControllers = startControllers(store);
  const saver = statePath ? new StateSaver(store, statePath, { intervalMs: options.saveIntervalMs, write: options.diskWrite, log }) : undefined;
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
    warnings: () => [...(warning ? [warning] : []), ...(saver?.problem ? [`writes are refused: ${saver.problem}`] : [])],
    saveState: () => saver?.flush(),
    close: async () => {
      stopControllers();
      saver?.stop();
      await server.close();
    },
  };
}
