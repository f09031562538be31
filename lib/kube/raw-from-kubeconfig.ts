import 'server-only';
/** A lean client on whatever a client-node KubeConfig reaches (TLS material, token, exec plugins). */
import type { RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { HostResources, KubeObject } from './object';
import { RawKubeClient } from './raw-client';

export async function rawClientFor<H extends KubeObject>(kubeconfig: KubeConfig, resources: HostResources): Promise<RawKubeClient<H>> {
  const cluster = kubeconfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const tls: RequestOptions = {};
  await kubeconfig.applyToHTTPSOptions(tls);
  return new RawKubeClient<H>(
    {
      server: cluster.server,
      ca: tls.ca as string | undefined,
      cert: tls.cert as string | undefined,
      key: tls.key as string | undefined,
      rejectUnauthorized: tls.rejectUnauthorized,
      servername: cluster.tlsServerName,
      headers: Object.fromEntries(Object.entries((tls.headers ?? {}) as Record<string, string>).map(([k, v]) => [k, String(v)])),
    },
    resources,
  );
}
