/**
 * The scenario CLI's exit codes, as CI sees them: 0 when the run passes (the CLI starting its
 * own dashboard), 1 when a threshold cannot hold (against a running dashboard, --url), 2 for an
 * invalid file. Needs the production build (`npm run build`); the CLI builds when it is missing.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardProcess, type DashboardProcess } from '@/lib/testing/dashboard-process';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fleetscope-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'scripts/scenario.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const scenario = (minHosts: number) =>
  `name: cli\nnamespace: cli-test\ntwin: { limits: unlimited }\nsteps:\n  - create: { count: 3 }\n  - waitFor: { state: available, timeoutSeconds: 120 }\nthresholds:\n  - { metric: Enrollment.numHosts, min: ${minHosts} }\n`;

describe('npm run scenario', () => {
  it('exits 2 for an invalid scenario, naming the field, before starting anything', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'name: bad\nsteps:\n  - create: { count: -3 }\n');
    const { code, stderr } = await cli([file]);
    expect(code).toBe(2);
    expect(stderr).toContain('steps[0].create.count');
    expect(stderr).not.toContain('Starting a dashboard');
  });

  it('exits 2 for a file that is not there', async () => {
    expect((await cli([join(dir, 'missing.yaml')])).code).toBe(2);
  });

  it('exits 0 when the run passes, starting and stopping its own dashboard, and writes the report', async () => {
    const file = join(dir, 'pass.yaml');
    const out = join(dir, 'pass-report.json');
    await writeFile(file, scenario(3));
    const { code, stdout, stderr } = await cli([file, '--out', out], { FLEET_PROFILE: 'instant' });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Enrollment\s+3\s+3/);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ status: 'passed', phases: [{ name: 'Enrollment', numHosts: 3 }] });
  }, 900_000);

  describe('against a running dashboard (--url)', () => {
    let dashboard: DashboardProcess;
    beforeAll(async () => {
      dashboard = await startDashboardProcess(await freePort(), { FLEET_API_PORT: '0', FLEET_DATA_DIR: join(dir, 'data'), FLEET_PROFILE: 'instant' });
    }, 120_000);
    afterAll(async () => {
      await dashboard?.stop();
    });

    it('exits 1 when a threshold cannot hold', async () => {
      const file = join(dir, 'fail.yaml');
      await writeFile(file, scenario(4));
      const { code, stdout } = await cli([file, '--url', dashboard.url, '--out', join(dir, 'fail-report.json')]);
      expect(code).toBe(1);
      expect(stdout).toContain('FAIL  Enrollment.numHosts >= 4 (value 3)');
    }, 120_000);
  });
});
