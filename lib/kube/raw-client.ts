/**
 * A lean JSON client for the twin's many small writes. It takes its server, credentials and
 * TLS material from client-node's KubeConfig (so every kubeconfig client-node reads works) but
 * sends with undici directly: the twin writes thousands of status patches a second in a storm,
 * about three times what client-node's generated request stack manages on one core.
 * Failures are client-node's ApiException, so callers handle both clients alike.
 */
import type { RequestOptions } from 'node:https';
import { ApiException, type KubeConfig } from '@kubernetes/client-node';
import { Agent, request } from 'undici';
import { BMH_GROUP, BMH_PLURAL, BMH_VERSION, type BareMetalHost } from '../bmh/types';
import type { JsonPatchOp } from './client';
import type { KubeObject } from './object';

const BMH = `/apis/${BMH_GROUP}/${BMH_VERSION}/namespaces`;
const enc = encodeURIComponent;

export class RawKubeClient {
  private setup?: Promise<{ agent: Agent; headers: Record<string, string>; server: string }>;

  constructor(private readonly kubeconfig: KubeConfig) {}

  patchBmhStatus(namespace: string, name: string, ops: JsonPatchOp[]): Promise<BareMetalHost> {
    return this.send('PATCH', `${BMH}/${enc(namespace)}/${BMH_PLURAL}/${enc(name)}/status`, ops, 'application/json-patch+json');
  }

  patchBmh(namespace: string, name: string, patch: object): Promise<BareMetalHost> {
    return this.send('PATCH', `${BMH}/${enc(namespace)}/${BMH_PLURAL}/${enc(name)}`, patch, 'application/merge-patch+json');
  }

  patchSecretStrategic(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.send('PATCH', `/api/v1/namespaces/${enc(namespace)}/secrets/${enc(name)}`, patch, 'application/strategic-merge-patch+json');
  }

  createHardwareData(namespace: string, body: KubeObject): Promise<KubeObject> {
    return this.send('POST', `${BMH}/${enc(namespace)}/hardwaredata`, body, 'application/json');
  }

  patchHardwareData(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.send('PATCH', `${BMH}/${enc(namespace)}/hardwaredata/${enc(name)}`, patch, 'application/merge-patch+json');
  }

  createEvent(namespace: string, body: KubeObject): Promise<unknown> {
    return this.send('POST', `/api/v1/namespaces/${enc(namespace)}/events`, body, 'application/json');
  }

  async close(): Promise<void> {
    if (this.setup) await (await this.setup).agent.close();
  }

  private async connection() {
    this.setup ??= (async () => {
      const cluster = this.kubeconfig.getCurrentCluster();
      if (!cluster) throw new Error('the kubeconfig has no current cluster');
      const tls: RequestOptions = {};
      await this.kubeconfig.applyToHTTPSOptions(tls);
      const agent = new Agent({
        connect: { ca: tls.ca, cert: tls.cert, key: tls.key, ...(tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}), ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}) },
        keepAliveTimeout: 30_000,
        connections: 64,
      });
      const headers = Object.fromEntries(Object.entries((tls.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]));
      return { agent, headers, server: cluster.server.replace(/\/+$/, '') };
    })();
    return this.setup;
  }

  private async send<T>(method: 'PATCH' | 'POST', path: string, body: unknown, contentType: string): Promise<T> {
    const { agent, headers, server } = await this.connection();
    const response = await request(`${server}${path}`, {
      method,
      dispatcher: agent,
      headers: { ...headers, 'content-type': contentType, accept: 'application/json', 'user-agent': 'fleetscope-twin' },
      body: JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new ApiException(response.statusCode, `HTTP-Code: ${response.statusCode}`, text, response.headers as Record<string, string>);
    return JSON.parse(text) as T;
  }
}
