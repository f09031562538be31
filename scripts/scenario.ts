// `npm run scenario -- FILE [--out report.json] [--url http://127.0.0.1:3000]`: runs a scenario
// file (YAML or JSON) against a running dashboard (--url), or starts one itself the way
// `npm start` does (building first when needed) on a free port with a temporary data directory
// (FLEET_KUBECONFIG, when set, is passed on), and stops it after. Progress goes to the terminal,
// the report to --out, the phase table to stdout. Exit codes: 0 passed, 1 a threshold failed,
// 2 an invalid scenario or any other error.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { exitCodeOf, parseArgs, phaseTable, progressLine } from '../lib/runs/cli-format';
import type { RunReport } from '../lib/runs/report';
import { parseScenarioText, ScenarioError } from '../lib/runs/scenario';
import type { RunView } from '../lib/runs/view';
import { stopProcessGroup } from '../lib/testing/process-group';

const root = new URL('..', import.meta.url).pathname;

class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startDashboard(): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-scenario-'));
  console.error(`Starting a dashboard on http://127.0.0.1:${port} (data in ${dataDir})…`);
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Exit(2, `the dashboard exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, dataDir };
    if (Date.now() > deadline) throw new Exit(2, 'the dashboard did not start within 10 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init).catch((error: Error) => {
    throw new Exit(2, `${url}: ${error.message}`);
  });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message?: string } };
  if (!response.ok) throw new Exit(2, `${url}: ${body.error?.message ?? `HTTP ${response.status}`}`);
  return body;
}

async function follow(url: string, id: string): Promise<RunView> {
  const tty = process.stderr.isTTY;
  let last = '';
  let lastAt = 0;
  for (;;) {
    const { run } = await call<{ run: RunView }>(`${url}/api/runs/${id}`);
    const line = progressLine(run);
    if (tty) process.stderr.write(`\r\x1b[K${line}`);
    else if (line !== last && Date.now() - lastAt > 5000) {
      console.error(line);
      lastAt = Date.now();
    }
    last = line;
    if (run.status !== 'running') {
      if (tty) process.stderr.write('\n');
      return run;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const text = await readFile(args.file, 'utf8').catch((error: Error) => {
    throw new Exit(2, `cannot read ${args.file}: ${error.message}`);
  });
  const scenario = parseScenarioText(text);
  const started = args.url ? undefined : await startDashboard();
  const url = args.url ?? started!.url;
  let id: string | undefined;
  const interrupt = () => {
    if (id) void fetch(`${url}/api/runs/${id}/cancel`, { method: 'POST' }).catch(() => {});
  };
  process.once('SIGINT', interrupt);
  try {
    const { run } = await call<{ run: RunView }>(`${url}/api/runs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(scenario),
    });
    id = run.id;
    console.error(`Run ${run.id}: ${scenario.name} (${url}/runs/${run.id})`);
    await follow(url, run.id);
    const report = await call<RunReport>(`${url}/api/runs/${run.id}/report.json`);
    const out = args.out ?? `${basename(args.file).replace(/\.(ya?ml|json)$/, '')}-${run.id}.report.json`;
    await writeFile(out, JSON.stringify(report, null, 2));
    console.log(phaseTable(report));
    console.log(`report: ${out}`);
    return exitCodeOf(report.status);
  } finally {
    process.off('SIGINT', interrupt);
    if (started) {
      await stopProcessGroup(started.child);
      await rm(started.dataDir, { recursive: true, force: true });
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ScenarioError) console.error(`invalid scenario: ${error.message}`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof Exit ? error.code : 2);
  },
);
