/** Thresholds of a scenario against a run's numbers (kube-burner style: any failure fails the run). Pure. */
import type { PhaseReport } from './metrics';
import type { PhaseMetric } from './phases';
import type { Threshold } from './scenario';

export interface RunTotals {
  errors: number;
  stuckHosts: number;
  durationSeconds: number | null;
}

export interface ThresholdResult extends Threshold {
  value: number | null;
  pass: boolean;
  /** Why it failed, in words. */
  reason?: string;
}

export function totalsOf(phases: readonly PhaseReport[], durationSeconds: number | null): RunTotals {
  return {
    errors: phases.reduce((n, p) => n + p.errors, 0),
    stuckHosts: phases.reduce((n, p) => n + p.stuckHosts, 0),
    durationSeconds,
  };
}

export function metricValue(metric: string, phases: readonly PhaseReport[], totals: RunTotals): number | null | undefined {
  if (metric in totals) return totals[metric as keyof RunTotals];
  const dot = metric.lastIndexOf('.');
  const phase = phases.find((p) => p.name === metric.slice(0, dot));
  if (!phase) return undefined;
  const value = phase[metric.slice(dot + 1) as PhaseMetric];
  return typeof value === 'number' || value === null ? value : undefined;
}

export function evaluateThresholds(thresholds: readonly Threshold[], phases: readonly PhaseReport[], totals: RunTotals): ThresholdResult[] {
  return thresholds.map((t) => {
    const value = metricValue(t.metric, phases, totals) ?? null;
    if (value === null) return { ...t, value, pass: false, reason: 'no value: the phase has no host at its target' };
    if (t.min !== undefined && value < t.min) return { ...t, value, pass: false, reason: `${value} is below the minimum ${t.min}` };
    if (t.max !== undefined && value > t.max) return { ...t, value, pass: false, reason: `${value} is above the maximum ${t.max}` };
    return { ...t, value, pass: true };
  });
}
