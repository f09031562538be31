/**
 * The two scenarios, phase by phase: storm-10k (create → available, provision, deprovision,
 * delete) and fleet-100k (create → available). Each phase reports, per observer, when it saw the
 * last host arrive, and the pipeline's throughput: host transitions per second (raw watch) and
 * the cluster's writes per second (its resourceVersion counts every write of any kind).
 */
import { post, sleep, startDashboard, startObservers, stopObservers, until, logs, OBSERVERS, type Dashboard, type Observers } from './harness';
import { ProcessSampler } from './process-stats';
import type { PhaseResult, ScenarioResult } from './report';
import { distribution, lags } from './stats';

export interface ScenarioOptions {
  hosts: number;
  fleetHosts: number;
  profile: string;
  browser: boolean;
  kubectl: boolean;
  cpuProfDir?: string;
}

async function phase(o: Observers, name: string, hosts: string[], target: string, run: () => Promise<void>, timeoutMs: number): Promise<PhaseResult> {
  const start = Date.now();
  const rvBefore = await o.raw.resourceVersion();
  await run();
  const progress = setInterval(() => void o.browser?.collect(), 1000);
  try {
    const last = await until(() => o.raw.log.lastArrival(hosts, target, start), timeoutMs, `${hosts.length} hosts ${target} (raw watch)`);
    const rvAfter = await o.raw.resourceVersion();
    const rawSeconds = (last - start) / 1000;
    const seconds: PhaseResult['seconds'] = {};
    for (const observer of OBSERVERS) {
      const log = logs(o)[observer];
      if (!log) continue;
      const at = await until(
        async () => {
          if (observer === 'page') await o.browser!.collect();
          return log.lastArrival(hosts, target, start);
        },
        120_000,
        `${target} seen by ${observer}`,
      ).catch(() => undefined);
      if (at !== undefined) seconds[observer] = (at - start) / 1000;
    }
    return {
      name,
      seconds,
      transitionsPerSecond: o.raw.log.countBetween(start, last) / rawSeconds,
      // Writes after the last arrival (a few trailing Events) count too: a slight overestimate.
      writesPerSecond: (rvAfter - rvBefore) / rawSeconds,
    };
  } finally {
    clearInterval(progress);
  }
}

/** Creates `n` hosts, at most 10,000 per request (the API's limit). */
async function createHosts(d: Dashboard, n: number, namespace: string, prefix: string): Promise<void> {
  for (let done = 0; done < n; done += 10_000) await post(`${d.url}/api/hosts`, { count: Math.min(10_000, n - done), namespace, prefix });
}

/** Settled: the fleet has been quiet long enough for the idle collection (lib/config/idle-gc.ts). */
async function settle(sampler: ProcessSampler): Promise<ScenarioResult['settled']> {
  await sleep(10_000);
  const s = sampler.sample()!;
  return { rssMB: s.rssMB, dashboardMB: s.rootRssMB, clusterMB: s.rssMB - s.rootRssMB };
}

/** The figures every scenario reports, once its phases are over. */
async function figures(o: Observers, sampler: ProcessSampler, begin: number, end: number) {
  const longTasks = (await o.browser?.longTasks()) ?? [];
  const heap = o.browser ? await o.browser.heapBytes() : NaN;
  const transitions = o.sse.log.seen.size;
  const all = logs(o);
  return {
    seconds: (end - begin) / 1000,
    lag: Object.fromEntries(OBSERVERS.filter((n) => n !== 'raw' && all[n]).map((n) => [n, distribution(lags(o.raw.log, all[n]!))])),
    sseBytesPerTransition: transitions ? o.sse.deltaBytes / transitions : NaN,
    watchBytesPerEvent: o.raw.events ? o.raw.bytes / o.raw.events : NaN,
    server: sampler.between(begin, end),
    longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0,
    longTasks: longTasks.length,
    browserHeapMB: Math.round(heap / 1e6),
    watchEvents: o.raw.events,
  };
}

/** Starts a dashboard and its observers, runs `body`, and stops them all whatever happens. */
async function withDashboard<T>(port: number, options: ScenarioOptions, body: (d: Dashboard, o: Observers, sampler: ProcessSampler) => Promise<T>): Promise<T> {
  const d = await startDashboard(port, options.profile, options.cpuProfDir);
  const sampler = new ProcessSampler(d.pid);
  sampler.start();
  let o: Observers | undefined;
  try {
    o = await startObservers(d, options);
    return await body(d, o, sampler);
  } finally {
    if (o) await stopObservers(o).catch(() => {});
    sampler.stop();
    await d.stop();
  }
}

export function storm(options: ScenarioOptions, port: number): Promise<ScenarioResult> {
  return withDashboard(port, options, async (d, o, sampler) => {
    const n = options.hosts;
    const hosts = Array.from({ length: n }, (_, i) => `bench/bench-${i}`);
    const where = { namespace: 'bench' };
    const timeout = 30 * 60_000;
    const action = (body: object) => () => post(`${d.url}/api/hosts/actions`, body);
    console.error(`[bench] storm: ${n} hosts, profile ${options.profile}`);
    const begin = Date.now();
    const phases = [await phase(o, 'create → available', hosts, 'available', () => createHosts(d, n, 'bench', 'bench'), timeout)];
    const firstRenderAfterStorm = await o.browser?.firstRender();
    const settled = await settle(sampler);
    const firstRender = await o.browser?.firstRender();
    phases.push(
      await phase(o, 'provision → provisioned', hosts, 'provisioned', action({ action: 'provision', where: { ...where, state: 'available' } }), timeout),
    );
    phases.push(
      await phase(o, 'deprovision → available', hosts, 'available', action({ action: 'deprovision', where: { ...where, state: 'provisioned' } }), timeout),
    );
    phases.push(await phase(o, 'delete → gone', hosts, 'deleted', action({ action: 'delete', where }), timeout));
    const end = Date.now();
    await o.browser?.collect();
    return {
      name: 'storm-10k',
      hosts: n,
      profile: options.profile,
      phases,
      settled,
      firstRender,
      firstRenderAfterStorm,
      ...(await figures(o, sampler, begin, end)),
    };
  });
}

export function fleet(options: ScenarioOptions, port: number): Promise<ScenarioResult> {
  return withDashboard(port, options, async (d, o, sampler) => {
    const n = options.fleetHosts;
    // At 100,000 hosts the twin's Events would be most of the API writes; BMO's steps stay the same.
    await post(`${d.url}/api/simulator`, { events: false }, 'PUT');
    const hosts = Array.from({ length: n }, (_, i) => `fleet/node-${i}`);
    console.error(`[bench] fleet: ${n} hosts, profile ${options.profile}`);
    const begin = Date.now();
    const phases = [await phase(o, 'create → available', hosts, 'available', () => createHosts(d, n, 'fleet', 'node'), 90 * 60_000)];
    const end = Date.now();
    const firstRenderAfterStorm = await o.browser?.firstRender();
    const settled = await settle(sampler);
    const firstRender = await o.browser?.firstRender();
    const profile = `${options.profile}, Events off`;
    return { name: 'fleet-100k', hosts: n, profile, phases, settled, firstRender, firstRenderAfterStorm, ...(await figures(o, sampler, begin, end)) };
  });
}
