/**
 * A TCP proxy a test can cut. `cut()` drops every connection that carries a request matching
 * the pattern (say, the event stream), leaving page loads alone, the way a flaky network or a
 * proxy's idle timeout drops long-lived connections.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  port: number;
  /** How many connections have been cut so far. */
  cuts: number;
  cut(): void;
  close(): Promise<void>;
}

export function startTcpProxy(targetPort: number, requestPattern = /^GET \/api\/stream/m, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const clients = new Map<Socket, { upstream: Socket; matched: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    const entry = { upstream, matched: false };
    clients.set(client, entry);
    client.on('data', (chunk: Buffer) => {
      if (!entry.matched && requestPattern.test(chunk.toString('latin1'))) entry.matched = true;
    });
    for (const s of [client, upstream]) s.on('error', () => {});
    client.pipe(upstream).pipe(client);
    client.on('close', () => {
      clients.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const proxy: TcpProxy = {
        port: (server.address() as AddressInfo).port,
        cuts: 0,
        cut: () => {
          for (const [client, { matched }] of clients) {
            if (!matched) continue;
            proxy.cuts++;
            client.destroy();
          }
        },
        close: () =>
          new Promise((done) => {
            for (const client of clients.keys()) client.destroy();
            server.close(() => done());
          }),
      };
      resolve(proxy);
    });
  });
}
