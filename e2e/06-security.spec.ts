import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import { E2E } from '../playwright.config';
import { emptyFleet, FleetPage } from './pages/fleet-page';

const kubectlJson = <T>(args: string[]): T => {
  const result = spawnSync('/usr/bin/kubectl', ['--kubeconfig', E2E.embeddedKubeconfig, ...args, '-o', 'json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as T;
};

test.describe('security', () => {
  test('BMC credentials never leave the server: every API answer, the stream and the page are scanned', async ({ page, request }) => {
    await emptyFleet(request);
    await request.post('/api/hosts', { data: { count: 20, prefix: 'leak', namespace: 'leaks' } });
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.expectCount('available', 20);
    await request.post('/api/hosts/actions', { data: { action: 'provision', where: { namespace: 'leaks', limit: 5 } } });
    await fleet.expectCount('provisioned', 5);

    const secrets = kubectlJson<{ items: { data: Record<string, string> }[] }>(['get', 'secrets', '-n', 'leaks']).items;
    const needles = secrets.flatMap((s) => [s.data.password!, Buffer.from(s.data.password!, 'base64').toString()]).filter((n) => n.length >= 8);
    expect(needles.length).toBe(40);

    const bodies: string[] = [];
    for (const path of ['/api/hosts', '/api/cluster', '/api/series', '/api/simulator', '/metrics', '/', '/hosts/leaks/leak-0'])
      bodies.push(await (await request.get(path)).text());
    for (let i = 0; i < 20; i++) bodies.push(await (await request.get(`/api/hosts/leaks/leak-${i}`)).text());
    const jobs = (await (await request.get('/api/hosts')).json()) as unknown;
    bodies.push(JSON.stringify(jobs));
    // What the browser received over the stream, and what it keeps.
    bodies.push(JSON.stringify(await page.evaluate(() => window.__fleetscope?.hosts())));
    bodies.push(await page.content());
    const stream = await page.evaluate(async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 2500);
      let text = '';
      try {
        const res = await fetch('/api/stream', { signal: controller.signal });
        const reader = res.body!.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted
      }
      return text;
    });
    expect(stream).toContain('event: snapshot');
    bodies.push(stream);

    const leaks = needles.filter((needle) => bodies.some((body) => body.includes(needle)));
    expect(leaks).toEqual([]);
  });

  test('pages carry security headers: a CSP, and no framing', async ({ request }) => {
    const response = await request.get('/');
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
  });

  test('a page on another origin cannot change the fleet', async ({ page, request }) => {
    await emptyFleet(request);
    // The read-only dashboard's origin plays the attacker's site.
    await page.goto(E2E.readonly);
    const results = await page.evaluate(async (target) => {
      const attempts = [
        fetch(`${target}/api/hosts`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"count":5}' }),
        fetch(`${target}/api/hosts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"count":5}' }),
        fetch(`${target}/api/hosts/actions`, { method: 'POST', mode: 'no-cors', body: '{"action":"delete","where":{}}' }),
      ];
      return Promise.all(
        attempts.map((p) =>
          p.then(
            (r) => r.type,
            (e: Error) => `blocked: ${e.message}`,
          ),
        ),
      );
    }, E2E.embedded);
    expect(results.length).toBe(3);
    await page.waitForTimeout(1000);
    const after = (await (await request.get('/api/hosts')).json()) as { hosts: unknown[] };
    expect(after.hosts).toEqual([]);
    // And the server itself refuses a cross-origin request outright.
    const refused = await request.post('/api/hosts', { data: { count: 1 }, headers: { Origin: 'http://evil.example' } });
    expect(refused.status()).toBe(403);
  });

  test('FLEET_READONLY=1 refuses every change', async ({ page, request }) => {
    for (const [method, path, data] of [
      ['POST', '/api/hosts', { count: 1 }],
      ['POST', '/api/hosts/actions', { action: 'delete', where: {} }],
      ['PUT', '/api/simulator', { profile: 'instant' }],
    ] as const) {
      const response = await request.fetch(`${E2E.readonly}${path}`, { method, data });
      expect(response.status()).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('read_only');
    }
    await page.goto(E2E.readonly);
    await expect(page.getByText('read-only')).toBeVisible();
  });

  test('the embedded cluster listens on loopback only', async () => {
    const kubeconfig = readFileSync(E2E.embeddedKubeconfig, 'utf8');
    const server = new URL(/server: (\S+)/.exec(kubeconfig)![1]!);
    expect(server.hostname).toBe('127.0.0.1');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    test.skip(!outside, 'this machine has no non-loopback address to try');
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(server.port), outside!.address);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });
});
