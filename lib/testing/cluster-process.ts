/** `npm run cluster` as a child process, and the real kubectl against it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { eventually } from './cluster';
import { killProcessGroup, stopProcessGroup } from './process-group';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

export interface ClusterProcess {
  kubeconfig: string;
  server: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, and wait until every process of it is gone (it saves its state on the way out). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, without the last save. */
  kill(): Promise<void>;
}

/** Starts `npm run cluster` on a free port and waits until its kubeconfig points at a live server. */
export async function startClusterProcess(env: Record<string, string> = {}, dataDir?: string): Promise<ClusterProcess> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'fleetscope-cluster-')));
  const kubeconfig = join(dir, 'kubeconfig');
  // A kubeconfig left by an earlier run must not be mistaken for this one's.
  await rm(kubeconfig, { force: true });
  let output = '';
  const child = spawn('npm', ['run', '--silent', 'cluster'], {
    env: { ...process.env, FLEET_API_PORT: '0', FLEET_DATA_DIR: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const server = await eventually(
    () => {
      if (child.exitCode !== null) throw new Error(`npm run cluster exited: ${output}`);
      if (!/embedded cluster at https:/.test(output) || !existsSync(kubeconfig)) return undefined;
      const config = parse(readFileSync(kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] };
      return config.clusters[0]!.cluster.server;
    },
    60_000,
    'npm run cluster to start',
  );
  return {
    kubeconfig,
    server,
    dataDir: dir,
    child,
    output: () => output,
    stop: async () => {
      await stopProcessGroup(child);
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
    kill: () => killProcessGroup(child),
  };
}

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function kubectl(kubeconfig: string, args: string[], input?: string, timeoutMs = 60_000, binary = KUBECTL): KubectlResult {
  const result = spawnSync(binary, ['--kubeconfig', kubeconfig, ...args], { input, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Runs kubectl in the background (e.g. `get -w`) and collects its output until stopped. */
export function kubectlBackground(kubeconfig: string, args: string[]) {
  const child = spawn(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => child.kill('SIGTERM'),
  };
}
