/**
 * A run's report: scenario, settings, every phase's numbers with its share of waiting, the
 * thresholds with their values, and the status. Plus the two other download shapes: one JSON
 * line per phase as BMO's scalability test prints them, and one CSV row per host. Pure.
 */
import { attributeWaits, hasWaits, ratePoints, thin, type PhaseWaits, type RatePoint, type TwinSample } from './bottleneck';
import { phaseReports, round3, type PhaseReport } from './metrics';
import { derivePhases } from './phases';
import type { RunRecord } from './record';
import { DEFAULT_STUCK_SECONDS, type Scenario } from './scenario';
import type { RunSettings } from './settings';
import { evaluateThresholds, totalsOf, type RunTotals, type ThresholdResult } from './thresholds';

export type RunStatus = 'running' | 'passed' | 'failed' | 'cancelled' | 'errored';

export interface BottleneckReport {
  /** False when nothing could be read (a real BMO, or a twin without wait counters). */
  available: boolean;
  note: string;
  phases: PhaseWaits[];
  rates: RatePoint[];
}

/** What every form of a run (its stored meta, its view, its report) says about it first. */
export interface RunHeader {
  id: string;
  name: string;
  status: RunStatus;
  reason?: string;
  startedAt: number;
  finishedAt?: number;
}

export interface RunReport extends RunHeader {
  durationSeconds: number | null;
  scenario: Scenario;
  settings: RunSettings;
  phases: PhaseReport[];
  totals: RunTotals;
  thresholds: ThresholdResult[];
  bottleneck: BottleneckReport;
}

export interface ReportInput {
  id: string;
  scenario: Scenario;
  settings: RunSettings;
  record: RunRecord;
  samples: readonly TwinSample[];
  status: RunStatus;
  reason?: string;
  startedAt: number;
  finishedAt?: number;
  now: number;
}

function bottleneckOf(input: ReportInput, phases: PhaseReport[], end: number): BottleneckReport {
  const spans = phases.map((p) => ({
    name: p.name,
    spans: Object.entries(input.record.phases[p.name]?.starts ?? {}).map(([key, start]): [number, number] => {
      const took = p.perHost[key];
      return [start, took === undefined ? end : start + took * 1000];
    }),
  }));
  const twin = input.settings.twin !== 'unknown';
  const qps = input.settings.twin === 'unknown' ? 0 : input.settings.twin.limits.qps;
  const waits = hasWaits(input.samples);
  const note = !twin
    ? 'Nothing can be read about waiting: a real BMO drives these hosts, and its workqueue and client-rate metrics are not reachable from Fleetscope.'
    : waits
      ? "From the twin's counters, sampled every second: time hosts waited for a reconcile worker (concurrency) and for the client rate limiter (QPS)."
      : `This twin does not count waiting time: shown is how much of each phase the twin wrote at its QPS limit${qps ? ` (${qps}/s)` : ' (it has none)'}, and its writes per second.`;
  return {
    available: twin && input.samples.length > 1,
    note,
    phases: attributeWaits(input.samples, spans, qps),
    rates: thin(ratePoints(input.samples, input.startedAt), 600),
  };
}

export function buildReport(input: ReportInput): RunReport {
  const defs = derivePhases(input.scenario.steps);
  const end = input.finishedAt ?? input.now;
  const phases = phaseReports(defs, input.record, end, input.scenario.stuckAfterSeconds ?? DEFAULT_STUCK_SECONDS);
  const durationSeconds = round3((end - input.startedAt) / 1000);
  const totals = totalsOf(phases, durationSeconds);
  const thresholds = input.status === 'running' ? [] : evaluateThresholds(input.scenario.thresholds ?? [], phases, totals);
  let status = input.status;
  let reason = input.reason;
  if (status === 'passed' && thresholds.some((t) => !t.pass)) {
    status = 'failed';
    reason = `threshold failed: ${thresholds
      .filter((t) => !t.pass)
      .map((t) => `${t.metric} (${t.reason})`)
      .join('; ')}`;
  }
  return {
    id: input.id,
    name: input.scenario.name,
    status,
    ...(reason ? { reason } : {}),
    startedAt: input.startedAt,
    ...(input.finishedAt ? { finishedAt: input.finishedAt } : {}),
    durationSeconds,
    scenario: input.scenario,
    settings: input.settings,
    phases: phases.map((p) => ({ ...p, curve: thin(p.curve, 400) })),
    totals,
    thresholds,
    bottleneck: bottleneckOf(input, phases, end),
  };
}

const r1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/** One line per phase in the shape of BMO's scalability test (PR #3489): phase, numHosts, maxConcurrentReconciles, durationSeconds, throughputHostsPerMin. */
export function reportJsonl(report: RunReport): string {
  const concurrency = report.settings.twin === 'unknown' ? null : report.settings.twin.limits.concurrency;
  return report.phases
    .map(
      (p) =>
        JSON.stringify({
          phase: p.name,
          numHosts: p.numHosts,
          maxConcurrentReconciles: concurrency,
          durationSeconds: r1(p.durationSeconds),
          throughputHostsPerMin: r1(p.throughputHostsPerMin),
        }) + '\n',
    )
    .join('');
}

const csvCell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One row per host: namespace, name, then seconds to each phase's target (empty when not reached). */
export function reportCsv(report: RunReport, record: RunRecord): string {
  const header = ['namespace', 'name', ...report.phases.map((p) => `${p.name}Seconds`)];
  const rows = [header.join(',')];
  for (const key of Object.keys(record.hosts).sort()) {
    const slash = key.indexOf('/');
    const cells = [key.slice(0, slash), key.slice(slash + 1), ...report.phases.map((p) => (p.perHost[key] === undefined ? '' : String(p.perHost[key])))];
    rows.push(cells.map(csvCell).join(','));
  }
  return rows.join('\n') + '\n';
}

/** The report without per-host durations (they go to the CSV), for lists and the live stream. */
export function summaryOf(report: RunReport): RunReport {
  return { ...report, phases: report.phases.map((p) => ({ ...p, perHost: {} })) };
}
