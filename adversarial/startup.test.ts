/**
 * Start-up faults, loud instead of silent: an unusable FLEET_DATA_DIR stops the start with a
 * message (it served 500 to everything), and a damaged state file under `next start` is reported
 * in the output (the cluster child's message never reached it) and on the page's cluster info.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDashboardProcess, type DashboardProcess } from '@/lib/testing/dashboard-process';
import { freePort, raw } from './server';

let dir: string | undefined;
let dashboard: DashboardProcess | undefined;
afterEach(async () => {
  await dashboard?.stop();
  dashboard = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('an unusable FLEET_DATA_DIR: the start fails with a message naming it', async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetscope-baddir-'));
  await writeFile(join(dir, 'a-file'), 'x');
  const port = await freePort();
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FLEET_API_PORT: '0', FLEET_DATA_DIR: join(dir, 'a-file', 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 60_000);
    child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
  });
  expect(output).toMatch(/Fleetscope cannot start[\s\S]*FLEET_DATA_DIR: .*a-file\/data cannot be used .*ENOTDIR/);
  expect(code).not.toBe(0);
});

it("a damaged state file: npm start's output and GET /api/cluster say what was restored and skipped", async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetscope-damaged-'));
  await writeFile(join(dir, 'state.jsonl'), '{"format":"fleetscope-state/v1","resourceVersion":1e21}\n{not json\n');
  const port = await freePort();
  dashboard = await startDashboardProcess(port, { FLEET_API_PORT: '0', FLEET_DATA_DIR: dir });
  expect(dashboard.output()).toMatch(
    /\[fleetscope\] WARNING: the saved cluster state .* is damaged: restored 0 objects, skipped 2 lines \(line 1: the header's resourceVersion 1e\+21/,
  );
  const info = JSON.parse((await raw(port, 'GET', '/api/cluster')).body) as { warnings: string[] };
  expect(info.warnings.join('\n')).toMatch(/skipped 2 lines.*kept at .*state\.jsonl\.corrupt-/);
});
