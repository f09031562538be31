/**
 * The benchmark's moving parts: a production dashboard on its own data directory, and the four
 * observers (raw watch, `kubectl get -w`, the SSE stream, the page in Chromium) that time every
 * transition. bench/main.ts runs the scenarios with them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clusterAccess } from './kubeconfig';
import { BrowserWatch } from './observers/browser';
import { KubectlWatch } from './observers/kubectl-watch';
import { RawWatch } from './observers/raw-watch';
import { SseWatch } from './observers/sse';
import type { TransitionLog } from './stats';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(250);
  }
}

export interface Dashboard {
  url: string;
  kubeconfig: string;
  pid: number;
  stop(): Promise<void>;
}

/** `cpuProfDir`: both processes write a V8 CPU profile there when they stop (node --cpu-prof). */
export async function startDashboard(port: number, profile: string, cpuProfDir?: string): Promise<Dashboard> {
  if (!existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npx next build` (or `npm test`) first');
  const dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-bench-'));
  // node refuses --cpu-prof in NODE_OPTIONS (which the cluster process inherits): a preload profiles instead.
  const preload = pathToFileURL(resolve('bench/cpu-profile.mjs')).href;
  const profiling = cpuProfDir ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${preload}`.trim(), BENCH_CPU_PROF_DIR: cpuProfDir } : {};
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...process.env,
      ...profiling,
      FLEET_API_PORT: '0',
      FLEET_DATA_DIR: dataDir,
      FLEET_PROFILE: profile,
      FLEET_LIMITS: 'unlimited',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => ((await fetch(`${url}/api/healthz`).catch(() => undefined))?.ok ? true : undefined), 120_000, 'the dashboard');
  return {
    url,
    kubeconfig: join(dataDir, 'kubeconfig'),
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function post(url: string, body: unknown, method = 'POST'): Promise<void> {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
}

export interface Observers {
  raw: RawWatch;
  kubectl?: KubectlWatch;
  sse: SseWatch;
  browser?: BrowserWatch;
}

export async function startObservers(d: Dashboard, options: { kubectl: boolean; browser: boolean }): Promise<Observers> {
  const raw = new RawWatch(clusterAccess(d.kubeconfig));
  await raw.start();
  const kubectl = options.kubectl ? new KubectlWatch(d.kubeconfig) : undefined;
  kubectl?.start();
  const sse = new SseWatch(d.url);
  await sse.start();
  const browser = options.browser ? new BrowserWatch(d.url) : undefined;
  await browser?.start();
  await sleep(1000);
  return { raw, kubectl, sse, browser };
}

export async function stopObservers(o: Observers): Promise<void> {
  o.raw.stop();
  o.kubectl?.stop();
  o.sse.stop();
  await o.browser?.stop();
}

export const OBSERVERS = ['raw', 'kubectl', 'sse', 'page'] as const;
export type ObserverName = (typeof OBSERVERS)[number];

export function logs(o: Observers): Partial<Record<ObserverName, TransitionLog>> {
  return { raw: o.raw.log, kubectl: o.kubectl?.log, sse: o.sse.log, page: o.browser?.log };
}
