/** Helpers for the suite: free loopback ports, raw HTTP with any Host header, process memory. */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request to 127.0.0.1:port with exactly these headers (Host included), the body read to its end. */
export function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, setHost: !('Host' in headers || 'host' in headers) }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** RSS in MB of the `next-server` process in the process group `pgid`. */
export function serverRssMb(pgid: number): number {
  const rows = execFileSync('ps', ['-eo', 'pgid=,rss=,args='], { encoding: 'utf8' }).split('\n');
  const row = rows.map((r) => r.trim().split(/\s+/)).find((cols) => Number(cols[0]) === pgid && cols.slice(2).join(' ').startsWith('next-server'));
  return row ? Number(row[1]) / 1024 : NaN;
}

/** The value of a Prometheus gauge in /metrics text. */
export function gauge(metrics: string, name: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : NaN;
}
