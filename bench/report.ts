/** The benchmark's markdown report: one table per scenario, budgets from design §7 beside the figures. */
import type { Distribution } from './stats';

export interface ScenarioResult {
  name: string;
  hosts: number;
  profile: string;
  seconds: number;
  phases: { name: string; seconds: Partial<Record<'raw' | 'kubectl' | 'sse' | 'page', number>> }[];
  lag: Partial<Record<'kubectl' | 'sse' | 'page', Distribution>>;
  sseBytesPerTransition: number;
  watchBytesPerEvent: number;
  server: { peakRssMB: number; meanCpu: number; settledRssMB: number };
  firstRender?: { ms: number; hosts: number };
  longestTaskMs: number;
  longTasks: number;
  browserHeapMB: number;
  watchEvents: number;
}

const s = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(1));
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : String(Math.round(v)));
const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');

export function renderReport(results: ScenarioResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`### ${r.name}: ${r.hosts.toLocaleString('en')} hosts, profile ${r.profile}, ${Math.round(r.seconds)} s`, '');
    out.push('| seconds until the last host is seen | raw watch | kubectl -w | SSE stream | page |', '| --- | ---: | ---: | ---: | ---: |');
    for (const p of r.phases) out.push(`| ${p.name} | ${s(p.seconds.raw)} | ${s(p.seconds.kubectl)} | ${s(p.seconds.sse)} | ${s(p.seconds.page)} |`);
    out.push('', '| lag behind the raw watch, per transition (ms) | kubectl -w | SSE stream | page | budget |', '| --- | ---: | ---: | ---: | --- |');
    for (const stat of ['p50', 'p95', 'p99', 'max'] as const) {
      const budget =
        stat === 'p95'
          ? `SSE ≤ 150${verdict(r.lag.sse ? r.lag.sse.p95 <= 150 : undefined)}, page ≤ 300${verdict(r.lag.page ? r.lag.page.p95 <= 300 : undefined)}`
          : '';
      out.push(`| ${stat} | ${ms(r.lag.kubectl?.[stat])} | ${ms(r.lag.sse?.[stat])} | ${ms(r.lag.page?.[stat])} | ${budget} |`);
    }
    out.push(`| transitions compared | ${r.lag.kubectl?.n ?? '—'} | ${r.lag.sse?.n ?? '—'} | ${r.lag.page?.n ?? '—'} | |`);
    const ratio = r.sseBytesPerTransition / r.watchBytesPerEvent;
    out.push('', '| measure | value | budget |', '| --- | ---: | --- |');
    out.push(
      `| SSE bytes per host transition / watch bytes per event | ${Math.round(r.sseBytesPerTransition)} / ${Math.round(r.watchBytesPerEvent)} = ${(ratio * 100).toFixed(1)} % | ≤ 10 %${verdict(ratio <= 0.1)} |`,
    );
    out.push(
      `| server RSS with the fleet settled (dashboard + cluster + twin) | ${r.server.settledRssMB} MB | ≤ 400 MB at 10k${r.hosts <= 10_000 ? verdict(r.server.settledRssMB <= 400) : ''} |`,
    );
    out.push(`| server RSS peak / mean CPU during the run (2 cores = 200 %) | ${r.server.peakRssMB} MB / ${r.server.meanCpu} % | |`);
    if (r.firstRender)
      out.push(
        `| first full render of ${r.firstRender.hosts.toLocaleString('en')} hosts in a new tab | ${Math.round(r.firstRender.ms)} ms | ≤ 1.5 s at 10k${r.firstRender.hosts <= 10_000 ? verdict(r.firstRender.ms <= 1500) : ''} |`,
      );
    out.push(
      `| longest main-thread task in the page (${r.longTasks} long tasks) | ${Math.round(r.longestTaskMs)} ms | ≤ 200 ms${verdict(r.longestTaskMs <= 200)} |`,
    );
    out.push(`| browser JS heap at the end | ${r.browserHeapMB} MB | |`);
    out.push(`| watch events (raw) | ${r.watchEvents.toLocaleString('en')} | |`);
    out.push('');
  }
  return out.join('\n');
}
