/**
 * Attacks on a running dashboard (`next start`, loopback only), each checked on every route it
 * applies to: DNS rebinding (a foreign Host), TRACE and malformed %-encoding, HEAD and aborted
 * streams (subscriptions and memory after), many stream clients at once (the cap, health and
 * actions answering), and a chunked upload with no Content-Length. Figures are printed.
 */
import { request, type ClientRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardProcess, type DashboardProcess } from '@/lib/testing/dashboard-process';
import { eventually } from '@/lib/testing/cluster';
import { freePort, gauge, raw, serverRssMb } from './server';

const MAX_STREAMS = 150;
let dashboard: DashboardProcess;
let port: number;
let dataDir: string;
const figures: string[] = [];

beforeAll(async () => {
  port = await freePort();
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-adversarial-'));
  dashboard = await startDashboardProcess(port, {
    FLEET_API_PORT: '0',
    FLEET_DATA_DIR: dataDir,
    FLEET_PROFILE: 'instant',
    FLEET_MAX_STREAMS: String(MAX_STREAMS),
  });
  await raw(port, 'POST', '/api/hosts', { 'Content-Type': 'application/json' }, JSON.stringify({ count: 2000, namespace: 'adv' }));
  await eventually(
    async () => ((JSON.parse((await raw(port, 'GET', '/api/hosts')).body) as { counts: { total: number } }).counts.total >= 2000 ? true : undefined),
    120_000,
    '2000 hosts',
  );
});
afterAll(async () => {
  await dashboard?.stop();
  await rm(dataDir, { recursive: true, force: true });
  console.log(`\nadversarial figures:\n  ${figures.join('\n  ')}`);
});

const streamClients = async () => gauge((await raw(port, 'GET', '/metrics')).body, 'fleetscope_sse_clients');
const total = async () => (JSON.parse((await raw(port, 'GET', '/api/hosts')).body) as { counts: { total: number } }).counts.total;

const ROUTES: [string, string, string?][] = [
  ['GET', '/'],
  ['GET', '/hosts/adv/host-0'],
  ['GET', '/api/hosts'],
  ['GET', '/api/hosts/adv/host-0'],
  ['GET', '/api/cluster'],
  ['GET', '/api/series'],
  ['GET', '/api/simulator'],
  ['GET', '/api/healthz'],
  ['GET', '/api/jobs/nothing'],
  ['GET', '/api/stream'],
  ['HEAD', '/api/stream'],
  ['GET', '/metrics'],
  ['POST', '/api/hosts', '{"count":5}'],
  ['POST', '/api/hosts/actions', '{"action":"delete","where":{}}'],
  ['PUT', '/api/simulator', '{"profile":"fast"}'],
  ['DELETE', '/api/hosts/adv/host-0'],
];

describe('DNS rebinding: a Host the dashboard is not served as is refused on every route', () => {
  it.each(ROUTES)('%s %s', async (method, path, body) => {
    const before = await total();
    const host = `evil.example:${port}`;
    const answer = await raw(port, method, path, { Host: host, Origin: `http://${host}`, 'Content-Type': 'application/json' }, body);
    expect(answer.status).toBe(421);
    if (method !== 'HEAD') expect(answer.body).toContain('FLEET_ALLOWED_HOSTS=evil.example');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(await total()).toBe(before);
  });

  it('loopback names are served', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await raw(port, 'GET', '/api/healthz', { Host: host })).status).toBe(200);
    figures.push(`DNS rebinding: ${ROUTES.length} routes refused with Host evil.example (421), nothing written`);
  });
});

describe('request lines no route answers', () => {
  it.each(['/', '/api/hosts', '/api/stream', '/metrics'])('TRACE %s: 405 with the security headers', async (path) => {
    const answer = await raw(port, 'TRACE', path);
    expect(answer.status).toBe(405);
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['content-security-policy']).toBeDefined();
  });

  it.each(['/api/%E0%A4%A', '/%zz', '/hosts/%ff/x', '/api/hosts/adv/%c0%af'])('malformed %%-encoding %s: 400 with the security headers', async (path) => {
    const answer = await raw(port, 'GET', path);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-security-policy']).toBeDefined();
  });
});

/** Opens a stream and ends it the given way; resolves once it has ended. */
function endStream(how: 'head' | 'abort-before-first-byte' | 'abort-during-snapshot'): Promise<void> {
  return new Promise((resolve) => {
    const req: ClientRequest = request({ host: '127.0.0.1', port, method: how === 'head' ? 'HEAD' : 'GET', path: '/api/stream' }, (res) => {
      if (how === 'head') {
        res.resume();
        res.on('end', () => resolve());
        return;
      }
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', () => resolve());
    req.end();
    if (how === 'abort-before-first-byte') setImmediate(() => (req.destroy(), resolve()));
  });
}

describe('every way a stream ends releases it', () => {
  it.each(['head', 'abort-before-first-byte', 'abort-during-snapshot'] as const)(
    '%s ×300: subscriptions back to where they were, memory bounded',
    async (how) => {
      const base = await streamClients();
      const rssBefore = serverRssMb(dashboard.child.pid!);
      for (let i = 0; i < 300; i += 20) await Promise.all(Array.from({ length: 20 }, () => endStream(how)));
      await eventually(async () => (await streamClients()) === base, 20_000, 'subscriptions released');
      const rssAfter = serverRssMb(dashboard.child.pid!);
      figures.push(
        `${how} ×300 on a 2000-host fleet: subscriptions ${base} → ${await streamClients()}, RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`,
      );
      // Each leaked subscription pinned a ~1 MB snapshot: 300 of them would be ~300 MB.
      expect(rssAfter - rssBefore).toBeLessThan(150);
    },
  );
});

describe('bounded under load', () => {
  it(`${MAX_STREAMS + 100} stream clients at once: the cap answers 503 + Retry-After, health and actions still answer`, async () => {
    const rssBefore = serverRssMb(dashboard.child.pid!);
    const open: ClientRequest[] = [];
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    const connect = () =>
      new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: '/api/stream' }, (res) => {
          statuses.push(res.statusCode ?? 0);
          if (res.statusCode === 503) retryAfter = res.headers['retry-after'] as string;
          res.once('data', () => resolve());
          res.on('end', () => resolve());
        });
        req.on('error', () => resolve());
        req.end();
        open.push(req);
      });
    const all = Promise.all(Array.from({ length: MAX_STREAMS + 100 }, () => connect()));
    const started = Date.now();
    const health = await raw(port, 'GET', '/api/healthz');
    const healthMs = Date.now() - started;
    const action = await raw(port, 'POST', '/api/hosts', { 'Content-Type': 'application/json' }, JSON.stringify({ count: 1, namespace: 'load' }));
    await all;
    const peak = serverRssMb(dashboard.child.pid!);
    for (const req of open) req.destroy();
    expect(health.status).toBe(200);
    expect(action.status).toBe(202);
    expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_STREAMS);
    expect(statuses.filter((s) => s === 503)).toHaveLength(100);
    expect(retryAfter).toBe('5');
    const base = await eventually(async () => ((await streamClients()) <= 1 ? await streamClients() : undefined), 20_000, 'streams closed');
    figures.push(
      `${MAX_STREAMS + 100} stream clients at once (cap ${MAX_STREAMS}): ${MAX_STREAMS} served, 100 × 503; /api/healthz answered in ${healthMs} ms while they connected; ` +
        `RSS ${rssBefore.toFixed(0)} → ${peak.toFixed(0)} MB at peak → ${serverRssMb(dashboard.child.pid!).toFixed(0)} MB after (subscriptions ${base})`,
    );
  });

  it('a 300 MiB chunked upload with no Content-Length: 413, memory bounded (the route keeps ~1 MiB; Next discards the rest)', async () => {
    const rssBefore = serverRssMb(dashboard.child.pid!);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const status = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/hosts', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(-1));
      const pump = () => {
        while (sent < 300) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    const rssAfter = serverRssMb(dashboard.child.pid!);
    figures.push(`chunked upload: ${status} after ${sent} MiB sent; RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MB`);
    expect(status).toBe(413);
    expect(rssAfter - rssBefore).toBeLessThan(100);
  });
});
