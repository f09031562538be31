/**
 * A KubeConfig whose API calls share one connection pool per cluster and user.
 *
 * client-node 2.0.1 gives every request a new undici Agent, so every call opens (and leaves
 * behind) its own TLS connection: a few hundred calls a second at most, and sockets piling up.
 * This keeps client-node's own authentication and only swaps in a cached Agent with the same
 * TLS material, so calls reuse kept-alive connections.
 */
import type { RequestOptions } from 'node:https';
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import { Agent } from 'undici';

export class PooledKubeConfig extends KubeConfig {
  private readonly pools = new Map<string, Promise<Agent>>();

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const cluster = this.getCurrentCluster();
    if (!cluster || cluster.proxyUrl) return;
    const key = `${cluster.name}\u0000${this.getCurrentUser()?.name ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.makePool(cluster.tlsServerName);
      this.pools.set(key, pool);
    }
    context.setDispatcher(await pool);
  }

  /** Closes the pooled connections (on shutdown). */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(async (p) => (await p).close().catch(() => {})));
  }

  private async makePool(servername: string | undefined): Promise<Agent> {
    const tls: RequestOptions = {};
    await this.applyToHTTPSOptions(tls);
    return new Agent({
      connect: {
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        pfx: tls.pfx,
        passphrase: tls.passphrase,
        ...(tls.rejectUnauthorized !== undefined ? { rejectUnauthorized: tls.rejectUnauthorized } : {}),
        ...(servername ? { servername } : {}),
      },
      keepAliveTimeout: 30_000,
      connections: 64,
    });
  }
}
