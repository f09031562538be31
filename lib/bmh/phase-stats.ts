/**
 * How long BMO's operations take across the fleet, from each host's operationHistory: count,
 * p50, p95 and max of completed register, inspect, provision and deprovision operations, plus
 * a histogram. Pure; durations are in milliseconds (BMO stamps seconds).
 */
import type { HostView } from './host-view';
import { OPERATIONS, type Operation } from './types';

/** Upper bounds of the histogram buckets, in seconds. */
export const BUCKETS_S = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, Infinity];

export interface PhaseStats {
  phase: Operation;
  count: number;
  p50: number;
  p95: number;
  max: number;
  histogram: { le: number; count: number }[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function durationsOf(hosts: Iterable<HostView>, phase: Operation): number[] {
  const out: number[] = [];
  for (const host of hosts) {
    const [start, end] = host.operationHistory[phase];
    if (start !== null && end !== null && end >= start) out.push(end - start);
  }
  // A typed array sorts numbers natively, ~10× faster than a comparator over 100,000 hosts.
  return Array.from(Float64Array.from(out).sort());
}

export function statsOf(phase: Operation, sorted: number[]): PhaseStats {
  const histogram = BUCKETS_S.map((le) => ({ le, count: 0 }));
  // `sorted` ascends, so the bucket only moves forward.
  let b = 0;
  for (const ms of sorted) {
    while (ms / 1000 > histogram[b]!.le) b++;
    histogram[b]!.count++;
  }
  return { phase, count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] ?? 0, histogram };
}

export function phaseStats(hosts: Iterable<HostView>): PhaseStats[] {
  const list = [...hosts];
  return OPERATIONS.map((phase) => statsOf(phase, durationsOf(list, phase)));
}
