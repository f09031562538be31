import 'server-only';
/**
 * The embedded cluster (and the twin) in a process of its own, which is what `npm start` runs:
 * the dashboard's event loop then never waits on the cluster's work, and the two use both
 * cores. The child is `npm run cluster`'s program; it dies with its parent (the IPC channel
 * closes), and is started again if it dies on its own (its state is on disk).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FleetEnv } from '../config/env';
import type { TwinState } from '../api/contract';
import type { TwinControl, TwinReply } from '../twin/control';

export interface ClusterChild {
  kubeconfigPath: string;
  url: string;
  twin?: TwinControl;
  stop(): Promise<void>;
}

const READY = /embedded cluster at (https:\/\/\S+)/;
const MAX_RESTART_DELAY_MS = 30_000;

/** The embedded cluster could not start (its own words are in the message): the dashboard cannot either. */
export class ClusterStartError extends Error {}

function childEnv(env: FleetEnv, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FLEET_API_PORT: String(port),
    FLEET_DATA_DIR: resolve(env.dataDir),
    FLEET_PROFILE: env.profile,
    FLEET_LIMITS: env.limitsPreset,
    FLEET_OPERATOR: env.operator,
    ...(env.namespace ? { FLEET_NAMESPACE: env.namespace } : {}),
    // The child's heap holds the cluster; keep its growth in check under a storm.
    NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', '--max-semi-space-size=8'].join(' ').trim(),
  };
}

/** The built program (plain node), or the TypeScript source through tsx when there is no build. */
function clusterCommand(): string[] {
  const bundle = resolve('.next/fleetscope/cluster.mjs');
  if (existsSync(bundle)) return [bundle];
  const source = resolve('lib/fake-cluster/main.ts');
  if (!existsSync(source)) throw new Error(`cannot find ${source}: start Fleetscope from its directory`);
  return ['--import', 'tsx', source];
}

export async function startClusterChild(env: FleetEnv, log: (line: string) => void = (l) => console.log(l)): Promise<ClusterChild> {
  const command = clusterCommand();
  const kubeconfigPath = join(resolve(env.dataDir), 'kubeconfig');
  let child: ChildProcess;
  let stopping = false;
  let nextId = 1;
  const waiting = new Map<number, (reply: TwinReply) => void>();
  let lastState: TwinState | undefined;
  // Restart only a cluster that was up and then died; one that cannot start (a port in use)
  // would fail the same way again, so that is a startup error instead. Repeated crashes back off.
  let wasReady = false;
  let crashes = 0;
  // With FLEET_API_PORT=0 the first start picks a port; a restart keeps it, so the kubeconfig
  // the dashboard already loaded stays right.
  let port = env.apiPort;

  const launch = () =>
    new Promise<string>((ready, fail) => {
      rmSync(kubeconfigPath, { force: true });
      // V8's default heap ceiling (~4 GB here) is too low for a 100,000-host fleet and its watch history.
      child = spawn(process.execPath, ['--max-old-space-size=8192', ...command], { env: childEnv(env, port), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const match = READY.exec(buffered);
        if (match) {
          wasReady = true;
          ready(match[1]!);
        }
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString();
        process.stderr.write(chunk);
      });
      child.on('message', (reply: TwinReply) => {
        if (reply?.kind !== 'twin-reply') return;
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      });
      child.once('exit', (code, signal) => {
        fail(new ClusterStartError(`the embedded cluster exited (${signal ?? code}) before it was ready: ${(stderr || buffered).trim()}`));
        for (const resolveReply of waiting.values()) resolveReply({ id: 0, kind: 'twin-reply', error: 'the embedded cluster stopped' });
        waiting.clear();
        if (stopping || !wasReady) return;
        const delay = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** crashes++);
        log(`[fleetscope] the embedded cluster stopped (${signal ?? code}); starting it again in ${delay / 1000} s`);
        setTimeout(() => void launch().then(() => (crashes = 0)).catch((error: Error) => log(`[fleetscope] ${error.message}`)), delay);
      });
    });

  const url = await launch();
  port = Number(new URL(url).port);
  await waitForFile(kubeconfigPath);

  const ask = (message: { kind: 'twin-state' } | { kind: 'twin-update'; patch: unknown }) =>
    new Promise<TwinState>((resolveState, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the embedded cluster did not answer'));
      }, 5000);
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.state) {
          lastState = reply.state;
          resolveState(reply.state);
        } else reject(new Error(reply.error ?? 'no answer'));
      });
      child.send({ id, ...message });
    });

  const twin: TwinControl | undefined =
    env.operator === 'twin'
      ? {
          state: () => ask({ kind: 'twin-state' }),
          update: (patch) => ask({ kind: 'twin-update', patch }),
          profile: () => lastState?.settings.profile ?? env.profile,
        }
      : undefined;
  await twin?.state().catch(() => undefined);

  process.once('exit', () => {
    stopping = true;
    child.kill('SIGTERM');
  });

  return {
    kubeconfigPath,
    url,
    twin,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').includes('server:')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the embedded cluster did not write ${path}`);
}
