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
import type { ClusterWarnings, TwinControl, TwinReply } from '../twin/control';

export interface ClusterChild {
  kubeconfigPath: string;
  url: string;
  /** The cluster's own warnings (a damaged state file, a data directory it cannot write), as it last reported them. */
  warnings(): string[];
  /** The child's process id now (it changes when the child is restarted). */
  pid(): number | undefined;
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

/** Requests about the twin over the IPC channel, each answered by id (or failed when the child stops). */
class TwinIpc {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: TwinReply) => void>();
  /** The state of the last answer, for `profile()` which must not wait. */
  lastState?: TwinState;

  constructor(private readonly send: (message: object, failed: (error: Error | null) => void) => void) {}

  ask(message: { kind: 'twin-state' } | { kind: 'twin-update'; patch: unknown }): Promise<TwinState> {
    return new Promise<TwinState>((resolveState, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('the embedded cluster did not answer'));
      }, 5000);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.state) {
          this.lastState = reply.state;
          resolveState(reply.state);
        } else reject(new Error(reply.error ?? 'no answer'));
      });
      this.send({ id, ...message }, (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.waiting.delete(id);
        reject(new Error(`the embedded cluster is not running (${error.message}); it restarts by itself`));
      });
    });
  }

  onReply(reply: TwinReply): void {
    if (reply?.kind !== 'twin-reply') return;
    this.waiting.get(reply.id)?.(reply);
    this.waiting.delete(reply.id);
  }

  /** The child stopped: every open request fails. */
  failAll(): void {
    for (const resolveReply of this.waiting.values()) resolveReply({ id: 0, kind: 'twin-reply', error: 'the embedded cluster stopped' });
    this.waiting.clear();
  }
}

/**
 * Runs the child and starts it again if it dies after it was ready. One that cannot start (a
 * port in use) would fail the same way again, so that is a startup error instead; repeated
 * crashes back off. With FLEET_API_PORT=0 the first start picks a port and a restart keeps it,
 * so the kubeconfig the dashboard already loaded stays right.
 */
class ClusterSupervisor {
  private child?: ChildProcess;
  private stopping = false;
  private wasReady = false;
  private crashes = 0;
  /** The cluster's warnings, as its last `cluster-warnings` message said. */
  warnings: string[] = [];
  readonly ipc = new TwinIpc((message, failed) => {
    // The child may be restarting: its IPC channel is closed (ERR_IPC_CHANNEL_CLOSED was uncaught).
    if (!this.child?.connected) return failed(new Error('no IPC channel'));
    this.child.send(message, failed);
  });

  get pid(): number | undefined {
    return this.child?.pid;
  }

  constructor(
    private readonly env: FleetEnv,
    private readonly kubeconfigPath: string,
    private readonly log: (line: string) => void,
    private port = env.apiPort,
  ) {}

  /** Starts the child; resolves with its URL once it says it is ready. */
  launch(): Promise<string> {
    return new Promise<string>((ready, fail) => {
      rmSync(this.kubeconfigPath, { force: true });
      // V8's default heap ceiling (~4 GB here) is too low for a 100,000-host fleet and its watch history.
      const child = spawn(process.execPath, ['--max-old-space-size=8192', ...clusterCommand()], {
        env: childEnv(this.env, this.port),
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      this.child = child;
      let stdout = '';
      let partial = '';
      let launched = false;
      child.stdout!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        // The cluster's own messages (a damaged state file, a full disk) reach npm start's output.
        const lines = (partial + text).split('\n');
        partial = lines.pop()!;
        for (const line of lines) if (line.startsWith('[fleetscope]')) this.log(line);
        if (launched) return;
        stdout += text;
        const match = READY.exec(stdout);
        if (!match) return;
        launched = true;
        this.wasReady = true;
        this.port = Number(new URL(match[1]!).port);
        ready(match[1]!);
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString();
        process.stderr.write(chunk);
      });
      child.on('message', (reply: TwinReply | ClusterWarnings) => {
        if (reply?.kind === 'cluster-warnings') this.warnings = Array.isArray(reply.warnings) ? reply.warnings.map(String) : [];
        else this.ipc.onReply(reply);
      });
      child.once('exit', (code, signal) => {
        fail(new ClusterStartError(`the embedded cluster exited (${signal ?? code}) before it was ready: ${(stderr || stdout).trim()}`));
        this.ipc.failAll();
        this.restartAfterCrash(signal ?? code);
      });
    });
  }

  private restartAfterCrash(how: string | number | null): void {
    if (this.stopping || !this.wasReady) return;
    const delay = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** this.crashes++);
    this.log(`[fleetscope] the embedded cluster stopped (${how}); starting it again in ${delay / 1000} s`);
    setTimeout(
      () =>
        void this.launch()
          .then(() => (this.crashes = 0))
          .catch((error: Error) => this.log(`[fleetscope] ${error.message}`)),
      delay,
    );
  }

  /** Ends the child with this process (whatever stops it), without a restart. */
  killOnExit(): void {
    process.once('exit', () => {
      this.stopping = true;
      this.child?.kill('SIGTERM');
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
}

export async function startClusterChild(env: FleetEnv, log: (line: string) => void = (l) => console.log(l)): Promise<ClusterChild> {
  clusterCommand(); // fails early when there is neither a build nor the source
  const kubeconfigPath = join(resolve(env.dataDir), 'kubeconfig');
  const supervisor = new ClusterSupervisor(env, kubeconfigPath, log);
  const url = await supervisor.launch();
  await waitForFile(kubeconfigPath);
  const { ipc } = supervisor;
  const twin: TwinControl | undefined =
    env.operator === 'twin'
      ? {
          state: () => ipc.ask({ kind: 'twin-state' }),
          update: (patch) => ipc.ask({ kind: 'twin-update', patch }),
          profile: () => ipc.lastState?.settings.profile ?? env.profile,
        }
      : undefined;
  await twin?.state().catch(() => undefined);
  supervisor.killOnExit();
  return { kubeconfigPath, url, twin, warnings: () => supervisor.warnings, pid: () => supervisor.pid, stop: () => supervisor.stop() };
}

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').includes('server:')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the embedded cluster did not write ${path}`);
}
