/** The compact view of a run for lists, the live stream and the run page's header. Pure. */
import { describeStep } from './engine';
import { describeTarget } from './phases';
import type { RunHeader, RunReport } from './report';
import type { RunMeta } from './store';

export interface RunView extends RunHeader {
  durationSeconds: number | null;
  namespace: string;
  /** Hosts the run created, and those of them that still exist. */
  created: number;
  alive: number;
  cleanedUp: boolean;
  /** Index of the step going on (while running), its description, and how many steps there are. */
  step?: number;
  stepText?: string;
  steps: number;
  phases: { name: string; target: string; numHosts: number; reached: number; durationSeconds: number | null; throughputHostsPerMin: number | null }[];
  thresholds: { total: number; failed: number };
  settings: { limits: string; profile: string };
}

export function viewOf(meta: RunMeta, report: RunReport, step: number | undefined): RunView {
  const twin = report.settings.twin;
  const current = step !== undefined && report.status === 'running' ? report.scenario.steps[step] : undefined;
  return {
    id: meta.id,
    name: meta.name,
    status: report.status,
    ...(report.reason ? { reason: report.reason } : {}),
    startedAt: meta.startedAt,
    ...(meta.finishedAt ? { finishedAt: meta.finishedAt } : {}),
    durationSeconds: report.durationSeconds,
    namespace: meta.namespace,
    created: meta.hosts.length,
    alive: meta.hosts.filter((h) => h.alive).length,
    cleanedUp: Boolean(meta.cleanedUp),
    ...(current ? { step, stepText: describeStep(current) } : {}),
    steps: report.scenario.steps.length,
    phases: report.phases.map((p) => ({
      name: p.name,
      target: describeTarget(p.target),
      numHosts: p.numHosts,
      reached: p.reached,
      durationSeconds: p.durationSeconds,
      throughputHostsPerMin: p.throughputHostsPerMin,
    })),
    thresholds: { total: report.thresholds.length, failed: report.thresholds.filter((t) => !t.pass).length },
    settings:
      twin === 'unknown'
        ? { limits: 'unknown', profile: 'unknown' }
        : { limits: `concurrency ${twin.limits.concurrency || '∞'}, ${twin.limits.qps || '∞'} QPS, burst ${twin.limits.burst || '∞'}`, profile: twin.profile },
  };
}
