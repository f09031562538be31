import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { groupAlive, killProcessGroup } from '../lib/testing/process-group';

/**
 * `npm start`'s program (scripts/start.mjs) as a supervisor runs it: told to stop with SIGTERM
 * to that one process, it must take the dashboard and the embedded cluster down with it (so
 * the port is free for the next start) and leave the fleet saved.
 */
const DATA = join(process.cwd(), 'test-results/e2e-data/start-stop');
const PORT = 3108;
const url = `http://127.0.0.1:${PORT}`;

test('SIGTERM to npm start stops the dashboard and its cluster, and the fleet is saved', async ({ request }) => {
  await rm(DATA, { recursive: true, force: true });
  const start = spawn(process.execPath, ['scripts/start.mjs'], {
    env: { ...process.env, PORT: String(PORT), FLEET_API_PORT: '0', FLEET_DATA_DIR: DATA, FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    detached: true,
  });
  const pid = start.pid!;
  try {
    await expect.poll(async () => (await request.get(`${url}/api/healthz`).catch(() => undefined))?.ok() ?? false, { timeout: 60_000 }).toBe(true);
    expect((await request.post(`${url}/api/hosts`, { data: { count: 3, namespace: 'stop', prefix: 'stop' } })).status()).toBe(202);
    await expect
      .poll(async () => ((await (await request.get(`${url}/api/hosts`)).json()) as { counts: { byState: Record<string, number> } }).counts.byState.available ?? 0, { timeout: 30_000 })
      .toBe(3);

    process.kill(pid, 'SIGTERM');
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
  } finally {
    await killProcessGroup(start);
  }
});
