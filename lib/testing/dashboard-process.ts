/** A production dashboard (`next start`, after `next build`) as a child process, for tests that restart things. */
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './cluster';
import { stopProcessGroup } from './process-group';

export interface DashboardProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export async function startDashboardProcess(port: number, env: Record<string, string>): Promise<DashboardProcess> {
  let output = '';
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`the dashboard exited: ${output}`);
      const res = await fetch(`${url}/api/healthz`).catch(() => undefined);
      return res?.ok;
    },
    60_000,
    'the dashboard to start',
  );
  return {
    url,
    child,
    output: () => output,
    stop: () => stopProcessGroup(child),
  };
}
