/**
 * Reads a kubeconfig without client-node, for the lean client (raw-client.ts): loading
 * client-node costs the dashboard ~90 MB of resident memory (its generated API and models),
 * more than a 10,000-host fleet does. Static credentials only (a token or a token file, a client
 * certificate, a CA, insecure-skip-tls-verify), which is what the embedded cluster writes; a user
 * with an exec or auth-provider plugin, or basic auth, gets `connection: undefined` and is served
 * by client-node (kubeconfig.ts) as before. Field names are client-go's (clientcmd/api/v1/types.go).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Connection } from './raw-client';

export class KubeconfigError extends Error {}

interface Named<T> {
  name: string;
  [key: string]: T | string;
}
interface Cluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}
interface User {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
  username?: string;
}
interface Config {
  clusters?: Named<Cluster>[];
  users?: Named<User>[];
  contexts?: Named<{ cluster?: string; user?: string }>[];
  'current-context'?: string;
}

export interface KubeconfigInfo {
  context: string;
  server: string;
  /** What the lean client needs, or undefined when only client-node can authenticate. */
  connection?: Connection;
}

function entry<T>(list: Named<T>[] | undefined, name: string | undefined, key: string): T | undefined {
  return list?.find((e) => e.name === name)?.[key] as T | undefined;
}

export function readKubeconfig(path: string, context?: string): KubeconfigInfo {
  if (!existsSync(path)) throw new KubeconfigError(`kubeconfig ${path} does not exist`);
  let config: Config;
  try {
    config = (parse(readFileSync(path, 'utf8')) ?? {}) as Config;
  } catch (error) {
    throw new KubeconfigError(`kubeconfig ${path} cannot be read: ${(error as Error).message}`);
  }
  const names = (config.contexts ?? []).map((c) => c.name);
  if (context && !names.includes(context)) {
    throw new KubeconfigError(`kubeconfig ${path} has no context "${context}" (it has: ${names.join(', ') || 'none'})`);
  }
  const current = context ?? config['current-context'] ?? '';
  const ctx = entry<{ cluster?: string; user?: string }>(config.contexts, current, 'context');
  const cluster = entry<Cluster>(config.clusters, ctx?.cluster, 'cluster');
  if (!cluster?.server) throw new KubeconfigError(`kubeconfig ${path} has no current cluster (set current-context or FLEET_CONTEXT)`);
  const user = entry<User>(config.users, ctx?.user, 'user') ?? {};
  const info = { context: current, server: cluster.server };
  if (user.exec || user['auth-provider'] || user.username || cluster['proxy-url']) return info;
  const base = dirname(resolve(path));
  const material = (data: string | undefined, file: string | undefined) =>
    data ? Buffer.from(data, 'base64') : file ? readFileSync(resolve(base, file)) : undefined;
  const token = user.token ?? (user.tokenFile ? readFileSync(resolve(base, user.tokenFile), 'utf8').trim() : undefined);
  return {
    ...info,
    connection: {
      server: cluster.server,
      ca: material(cluster['certificate-authority-data'], cluster['certificate-authority']),
      cert: material(user['client-certificate-data'], user['client-certificate']),
      key: material(user['client-key-data'], user['client-key']),
      token,
      ...(cluster['insecure-skip-tls-verify'] ? { rejectUnauthorized: false } : {}),
      ...(cluster['tls-server-name'] ? { servername: cluster['tls-server-name'] } : {}),
      userAgent: 'fleetscope',
    },
  };
}
