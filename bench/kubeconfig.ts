/** Reads what the benchmark's own clients need from a kubeconfig: server, CA and token. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ClusterAccess {
  server: string;
  ca?: string;
  token?: string;
}

export function clusterAccess(path: string): ClusterAccess {
  const config = parse(readFileSync(path, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data'?: string } }[];
    users: { user: { token?: string } }[];
  };
  const cluster = config.clusters[0]!.cluster;
  const caData = cluster['certificate-authority-data'];
  return { server: cluster.server, ca: caData ? Buffer.from(caData, 'base64').toString('utf8') : undefined, token: config.users[0]?.user.token };
}
