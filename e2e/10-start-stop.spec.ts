import { expect, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { groupAlive, killProcessGroup } from '../lib/testing/process-group';
import { FleetPage } from './pages/fleet-page';

/**
 * `npm start` stopped the two ways it is stopped in practice, each with a dashboard tab open
 * (its event stream used to hold Next's server.close() open, while the embedded cluster, hit by
 * the same Ctrl-C, was restarted): Ctrl-C (SIGINT to the whole process group), and SIGTERM to
 * the `npm` process alone, as `timeout` or a supervisor sends it (npm does not pass it on).
 * Both must take the dashboard and the embedded cluster down, free the port, and leave the
 * fleet saved.
 */
const DATA = join(process.cwd(), 'test-results/e2e-data/start-stop');
const PORT = Number(process.env.E2E_PORT ?? 3100) + 8;
const url = `http://127.0.0.1:${PORT}`;
const ENV = { PORT: String(PORT), FLEET_API_PORT: '0', FLEET_DATA_DIR: DATA, FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited', NEXT_TELEMETRY_DISABLED: '1' };

/** Starts it (its own process group), makes 3 hosts and waits until they are available. */
async function startWithHosts(request: APIRequestContext, command: string, args: string[]): Promise<ChildProcess> {
  await rm(DATA, { recursive: true, force: true });
  const start = spawn(command, args, { env: { ...process.env, ...ENV }, stdio: 'ignore', detached: true });
  await expect.poll(async () => (await request.get(`${url}/api/healthz`).catch(() => undefined))?.ok() ?? false, { timeout: 60_000 }).toBe(true);
  expect((await request.post(`${url}/api/hosts`, { data: { count: 3, namespace: 'stop', prefix: 'stop' } })).status()).toBe(202);
  await expect
    .poll(
      async () => ((await (await request.get(`${url}/api/hosts`)).json()) as { counts: { byState: Record<string, number> } }).counts.byState.available ?? 0,
      { timeout: 30_000 },
    )
    .toBe(3);
  return start;
}

async function expectStoppedAndSaved(request: APIRequestContext, pid: number): Promise<void> {
  await expect.poll(() => groupAlive(pid), { timeout: 20_000, message: 'every process npm start began is gone' }).toBe(false);
  await expect(request.get(`${url}/api/healthz`, { timeout: 2000 })).rejects.toThrow();
  const state = join(DATA, 'state.jsonl');
  expect(existsSync(state)).toBe(true);
  const saved = readFileSync(state, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { r: string; o: { metadata: { namespace?: string; name: string } } })
    .filter((entry) => entry.r === 'baremetalhosts.metal3.io' && entry.o.metadata.namespace === 'stop');
  expect(saved.map((entry) => entry.o.metadata.name).sort()).toEqual(['stop-0', 'stop-1', 'stop-2']);
}

test('Ctrl-C (SIGINT to the process group) with a tab open stops everything, and the fleet is saved', async ({ page, request }) => {
  const start = await startWithHosts(request, process.execPath, ['scripts/start.mjs']);
  try {
    const fleet = new FleetPage(page);
    await fleet.open(url);
    process.kill(-start.pid!, 'SIGINT');
    await expectStoppedAndSaved(request, start.pid!);
    // The tab no longer claims to be live: it says so, or (seen once in CI) Chromium has
    // replaced the page with its own "This page couldn't load" — either way nothing says "live".
    await expect(fleet.connection.filter({ hasText: /^live$/ })).toHaveCount(0);
  } finally {
    await killProcessGroup(start);
  }
});

test('SIGTERM to the npm process alone (a supervisor, `timeout`) with a tab open stops everything, and the fleet is saved', async ({ page, request }) => {
  const start = await startWithHosts(request, 'npm', ['start', '--silent']);
  try {
    await new FleetPage(page).open(url);
    process.kill(start.pid!, 'SIGTERM');
    await expectStoppedAndSaved(request, start.pid!);
  } finally {
    await killProcessGroup(start);
  }
});
