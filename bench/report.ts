/** The benchmark's markdown report: one set of tables per scenario, with issue 12's budgets beside the figures. */
import type { Distribution } from './stats';

export interface PhaseResult {
  name: string;
  /** Per observer, seconds until it saw the last host arrive. */
  seconds: Partial<Record<'raw' | 'kubectl' | 'sse' | 'page', number>>;
  /** Host transitions per second over the phase, as the raw watch saw them. */
  transitionsPerSecond: number;
  /** Writes of any kind the cluster took per second (its resourceVersion's rate). */
  writesPerSecond: number;
}

export interface ScenarioResult {
  name: string;
  hosts: number;
  profile: string;
  seconds: number;
  phases: PhaseResult[];
  lag: Partial<Record<'kubectl' | 'sse' | 'page', Distribution>>;
  sseBytesPerTransition: number;
  watchBytesPerEvent: number;
  server: { peakRssMB: number; meanCpu: number };
  /** RSS once the fleet is created and quiet: both processes, and each. */
  settled: { rssMB: number; dashboardMB: number; clusterMB: number };
  /** A new tab opened once the fleet is settled, and one opened right after the creation storm. */
  firstRender?: FirstRender;
  firstRenderAfterStorm?: FirstRender;
  longestTaskMs: number;
  longTasks: number;
  browserHeapMB: number;
  watchEvents: number;
}

/** A new tab's first full render; `steps`: ms from navigation to each of the page's marks (stream-open, snapshot-received, …). */
export interface FirstRender {
  ms: number;
  hosts: number;
  steps?: Record<string, number>;
}

/** Issue 12's budgets, for a fleet of 10,000 hosts and one of 100,000. */
export function budgetsFor(hosts: number) {
  const big = hosts > 10_000;
  return {
    createSeconds: big ? 600 : 60,
    settledRssMB: big ? 1500 : 400,
    longestTaskMs: big ? 500 : 200,
    firstRenderMs: big ? 4000 : 1000,
    sseLagP95Ms: 150,
    pageLagP95Ms: 300,
    bytesRatio: 0.1,
  };
}

const s = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(1));
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : String(Math.round(v)));
const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '—');
const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');
const size = (hosts: number) => (hosts > 10_000 ? '100k' : '10k');

function phaseTables(r: ScenarioResult, out: string[]): void {
  const b = budgetsFor(r.hosts);
  out.push('| seconds until the last host is seen | raw watch | kubectl -w | SSE stream | page | budget |', '| --- | ---: | ---: | ---: | ---: | --- |');
  for (const p of r.phases) {
    const budget = p.name.startsWith('create')
      ? `≤ ${b.createSeconds} s${verdict(p.seconds.raw === undefined ? undefined : p.seconds.raw <= b.createSeconds)}`
      : '';
    out.push(`| ${p.name} | ${s(p.seconds.raw)} | ${s(p.seconds.kubectl)} | ${s(p.seconds.sse)} | ${s(p.seconds.page)} | ${budget} |`);
  }
  out.push('', '| throughput | host transitions/s | cluster writes/s |', '| --- | ---: | ---: |');
  for (const p of r.phases) out.push(`| ${p.name} | ${n0(p.transitionsPerSecond)} | ${n0(p.writesPerSecond)} |`);
}

function lagTable(r: ScenarioResult, out: string[]): void {
  const b = budgetsFor(r.hosts);
  out.push('', '| lag behind the raw watch, per transition (ms) | kubectl -w | SSE stream | page | budget |', '| --- | ---: | ---: | ---: | --- |');
  for (const stat of ['p50', 'p95', 'p99', 'max'] as const) {
    const budget =
      stat === 'p95'
        ? `SSE ≤ ${b.sseLagP95Ms}${verdict(r.lag.sse ? r.lag.sse.p95 <= b.sseLagP95Ms : undefined)}, page ≤ ${b.pageLagP95Ms}${verdict(r.lag.page ? r.lag.page.p95 <= b.pageLagP95Ms : undefined)}`
        : '';
    out.push(`| ${stat} | ${ms(r.lag.kubectl?.[stat])} | ${ms(r.lag.sse?.[stat])} | ${ms(r.lag.page?.[stat])} | ${budget} |`);
  }
  out.push(`| transitions compared | ${r.lag.kubectl?.n ?? '—'} | ${r.lag.sse?.n ?? '—'} | ${r.lag.page?.n ?? '—'} | |`);
}

function measureTable(r: ScenarioResult, out: string[]): void {
  const b = budgetsFor(r.hosts);
  const ratio = r.sseBytesPerTransition / r.watchBytesPerEvent;
  const render = (what: string, f: FirstRender | undefined) => {
    if (!f) return;
    out.push(
      `| first full render of ${f.hosts.toLocaleString('en')} hosts in a new tab, ${what} | ${Math.round(f.ms)} ms | ≤ ${b.firstRenderMs / 1000} s${verdict(f.ms <= b.firstRenderMs)} |`,
    );
    const steps = Object.entries(f.steps ?? {});
    if (steps.length) out.push(`| … ms from navigation: ${steps.map(([name]) => name).join(' / ')} | ${steps.map(([, t]) => Math.round(t)).join(' / ')} | |`);
  };
  out.push('', '| measure | value | budget |', '| --- | ---: | --- |');
  out.push(
    `| SSE bytes per host transition / watch bytes per event | ${Math.round(r.sseBytesPerTransition)} / ${Math.round(r.watchBytesPerEvent)} = ${(ratio * 100).toFixed(1)} % | ≤ 10 %${verdict(ratio <= b.bytesRatio)} |`,
  );
  out.push(
    `| server RSS with the fleet settled: dashboard + cluster and twin | ${r.settled.dashboardMB} + ${r.settled.clusterMB} = ${r.settled.rssMB} MB | ≤ ${b.settledRssMB} MB at ${size(r.hosts)}${verdict(r.settled.rssMB <= b.settledRssMB)} |`,
  );
  out.push(`| server RSS peak / mean CPU during the run (2 cores = 200 %) | ${r.server.peakRssMB} MB / ${r.server.meanCpu} % | |`);
  render('right after the creation storm', r.firstRenderAfterStorm);
  render('with the fleet settled', r.firstRender);
  out.push(
    `| longest main-thread task in the page (${r.longTasks} long tasks) | ${Math.round(r.longestTaskMs)} ms | ≤ ${b.longestTaskMs} ms${verdict(r.longestTaskMs <= b.longestTaskMs)} |`,
  );
  out.push(`| browser JS heap at the end | ${Number.isNaN(r.browserHeapMB) ? '—' : `${r.browserHeapMB} MB`} | |`);
  out.push(`| watch events (raw) | ${r.watchEvents.toLocaleString('en')} | |`);
}

export function renderReport(results: ScenarioResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`### ${r.name}: ${r.hosts.toLocaleString('en')} hosts, profile ${r.profile}, ${Math.round(r.seconds)} s`, '');
    phaseTables(r, out);
    lagTable(r, out);
    measureTable(r, out);
    out.push('');
  }
  return out.join('\n');
}
