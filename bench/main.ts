/**
 * `npm run bench`: the scale benchmark. Starts the production dashboard with its embedded
 * cluster, watches the fleet four ways at once (a raw watch, `kubectl get bmh -A -w`, the SSE
 * stream, the page in Chromium) and runs the scenarios:
 *
 *   storm-10k   create N hosts → available, provision all, deprovision all, delete all
 *   fleet-100k  create N hosts → available
 *
 * Prints a markdown table and writes the results as JSON. Options: --scenario storm-10k|fleet-100k|all,
 * --hosts N (storm size, default 10000), --fleet-hosts N (default 100000), --profile NAME (default fast),
 * --smoke (a few hundred hosts, as CI runs it), --no-browser, --no-kubectl, --out FILE.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_NAMES } from '../lib/api/limits';
import {
  logs,
  OBSERVERS,
  post,
  sleep,
  startDashboard,
  startObservers,
  stopObservers,
  until,
  type Dashboard,
  type ObserverName,
  type Observers,
} from './harness';
import { ProcessSampler } from './process-stats';
import { renderReport, type ScenarioResult } from './report';
import { distribution, lags } from './stats';

interface Options {
  scenarios: string[];
  hosts: number;
  fleetHosts: number;
  profile: string;
  smoke: boolean;
  browser: boolean;
  kubectl: boolean;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const value = get(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) throw new Error(`${name} must be a whole number from 1 to 1000000`);
    return Number(value);
  };
  const smoke = argv.includes('--smoke');
  const scenario = get('--scenario') ?? 'all';
  if (!['storm-10k', 'fleet-100k', 'all'].includes(scenario)) throw new Error('--scenario must be storm-10k, fleet-100k or all');
  const profile = get('--profile') ?? 'fast';
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  return {
    scenarios: scenario === 'all' ? ['storm-10k', 'fleet-100k'] : [scenario],
    hosts: number('--hosts', smoke ? 200 : 10_000),
    fleetHosts: number('--fleet-hosts', smoke ? 500 : 100_000),
    profile,
    smoke,
    browser: !argv.includes('--no-browser'),
    kubectl: !argv.includes('--no-kubectl'),
    out: get('--out') ?? join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`),
  };
}

/** Runs one phase; returns, per observer, seconds until it saw the last host arrive. */
async function phase(
  o: Observers,
  hosts: string[],
  target: string,
  run: () => Promise<void>,
  timeoutMs: number,
): Promise<Partial<Record<ObserverName, number>>> {
  const start = Date.now();
  await run();
  const progress = setInterval(() => void o.browser?.collect(), 1000);
  try {
    await until(() => o.raw.log.lastArrival(hosts, target, start), timeoutMs, `${hosts.length} hosts ${target} (raw watch)`);
    const out: Partial<Record<ObserverName, number>> = {};
    for (const name of OBSERVERS) {
      const log = logs(o)[name];
      if (!log) continue;
      const at = await until(
        async () => {
          if (name === 'page') await o.browser!.collect();
          return log.lastArrival(hosts, target, start);
        },
        120_000,
        `${target} seen by ${name}`,
      ).catch(() => undefined);
      if (at !== undefined) out[name] = (at - start) / 1000;
    }
    return out;
  } finally {
    clearInterval(progress);
  }
}

function lagStats(o: Observers) {
  const all = logs(o);
  return Object.fromEntries(OBSERVERS.filter((n) => n !== 'raw' && all[n]).map((n) => [n, distribution(lags(o.raw.log, all[n]!))]));
}

/** Creates `n` hosts, at most 10,000 per request (the API's limit). */
async function createHosts(d: Dashboard, n: number, namespace: string, prefix: string): Promise<void> {
  for (let done = 0; done < n; done += 10_000) await post(`${d.url}/api/hosts`, { count: Math.min(10_000, n - done), namespace, prefix });
}

/** The figures every scenario reports, once its phases are over. */
async function figures(
  o: Observers,
  sampler: ProcessSampler,
  begin: number,
  end: number,
  settled: { rssMB: number },
  firstRender: ScenarioResult['firstRender'],
) {
  const longTasks = (await o.browser?.longTasks()) ?? [];
  const heap = o.browser ? await o.browser.heapBytes() : NaN;
  const transitions = o.sse.log.seen.size;
  return {
    seconds: (end - begin) / 1000,
    lag: lagStats(o),
    sseBytesPerTransition: transitions ? o.sse.deltaBytes / transitions : NaN,
    watchBytesPerEvent: o.raw.events ? o.raw.bytes / o.raw.events : NaN,
    server: { ...sampler.between(begin, end), settledRssMB: settled.rssMB },
    firstRender,
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasks: longTasks.length,
    browserHeapMB: Math.round(heap / 1e6),
    watchEvents: o.raw.events,
  };
}

async function stopAll(o: Observers, sampler: ProcessSampler, d: Dashboard): Promise<void> {
  await stopObservers(o);
  sampler.stop();
  await d.stop();
}

async function storm(options: Options, port: number): Promise<ScenarioResult> {
  const n = options.hosts;
  const d = await startDashboard(port, options.profile);
  const sampler = new ProcessSampler(d.pid);
  sampler.start();
  const o = await startObservers(d, options);
  const hosts = Array.from({ length: n }, (_, i) => `bench/bench-${i}`);
  const where = { namespace: 'bench' };
  const phases: ScenarioResult['phases'] = [];
  const begin = Date.now();
  const timeout = 30 * 60_000;
  console.error(`[bench] storm: ${n} hosts, profile ${options.profile}`);
  phases.push({
    name: 'create → available',
    seconds: await phase(o, hosts, 'available', () => createHosts(d, n, 'bench', 'bench'), timeout),
  });
  // Settled: the fleet has been quiet long enough for the idle collection (lib/config/idle-gc.ts).
  await sleep(10_000);
  const settled = sampler.sample()!;
  const firstRender = o.browser ? await o.browser.firstRender() : undefined;
  phases.push({
    name: 'provision → provisioned',
    seconds: await phase(
      o,
      hosts,
      'provisioned',
      () => post(`${d.url}/api/hosts/actions`, { action: 'provision', where: { ...where, state: 'available' } }),
      timeout,
    ),
  });
  phases.push({
    name: 'deprovision → available',
    seconds: await phase(
      o,
      hosts,
      'available',
      () => post(`${d.url}/api/hosts/actions`, { action: 'deprovision', where: { ...where, state: 'provisioned' } }),
      timeout,
    ),
  });
  phases.push({
    name: 'delete → gone',
    seconds: await phase(o, hosts, 'deleted', () => post(`${d.url}/api/hosts/actions`, { action: 'delete', where }), timeout),
  });
  const end = Date.now();
  await o.browser?.collect();
  if (process.env.BENCH_DEBUG && o.browser) {
    const missed = [...o.sse.log.seen.keys()].filter((k) => !o.browser!.log.seen.has(k));
    console.error(`[bench] page missed ${missed.length} transitions the stream carried, e.g. ${missed.slice(0, 12).join(' ')}`);
  }
  const result: ScenarioResult = {
    name: 'storm-10k',
    hosts: n,
    profile: options.profile,
    phases,
    ...(await figures(o, sampler, begin, end, settled, firstRender)),
  };
  await stopAll(o, sampler, d);
  return result;
}

async function fleet(options: Options, port: number): Promise<ScenarioResult> {
  const n = options.fleetHosts;
  const d = await startDashboard(port, options.profile);
  const sampler = new ProcessSampler(d.pid);
  sampler.start();
  // At 100,000 hosts the twin's Events would be most of the API writes; BMO's steps stay the same.
  await post(`${d.url}/api/simulator`, { events: false }, 'PUT');
  const o = await startObservers(d, { ...options, kubectl: options.kubectl });
  const hosts = Array.from({ length: n }, (_, i) => `fleet/node-${i}`);
  console.error(`[bench] fleet: ${n} hosts, profile ${options.profile}`);
  const begin = Date.now();
  const seconds = await phase(o, hosts, 'available', () => createHosts(d, n, 'fleet', 'node'), 90 * 60_000);
  const end = Date.now();
  // Settled: the fleet has been quiet long enough for the idle collection (lib/config/idle-gc.ts).
  await sleep(10_000);
  const settled = sampler.sample()!;
  const firstRender = o.browser ? await o.browser.firstRender() : undefined;
  const result: ScenarioResult = {
    name: 'fleet-100k',
    hosts: n,
    profile: `${options.profile}, Events off`,
    phases: [{ name: 'create → available', seconds }],
    ...(await figures(o, sampler, begin, end, settled, firstRender)),
  };
  await stopAll(o, sampler, d);
  return result;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results: ScenarioResult[] = [];
  // BENCH_PORT: where the dashboards listen (this port and the next), e.g. when 3300 is taken.
  let port = Number(process.env.BENCH_PORT ?? 3300);
  const failures: string[] = [];
  for (const scenario of options.scenarios) {
    try {
      results.push(scenario === 'storm-10k' ? await storm(options, port++) : await fleet(options, port++));
    } catch (error) {
      // One scenario failing must not lose the figures of the others.
      failures.push(`${scenario}: ${(error as Error).message}`);
      console.error(`[bench] ${scenario} failed: ${(error as Error).message}`);
    }
  }
  mkdirSync(join(options.out, '..'), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify({ date: new Date().toISOString(), options, results, failures }, null, 2)}\n`);
  console.log(renderReport(results));
  console.log(`\nResults: ${options.out}`);
  if (failures.length) throw new Error(failures.join('; '));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
