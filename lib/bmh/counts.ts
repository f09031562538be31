/** Host counts by state plus the badges (error, powered off, detached, delayed). */
import type { HostView } from './host-view';

export interface FleetCounts {
  total: number;
  /** Hosts per provisioning state; states with no hosts are absent. */
  byState: Record<string, number>;
  error: number;
  poweredOff: number;
  detached: number;
  delayed: number;
}

export function emptyCounts(): FleetCounts {
  return { total: 0, byState: {}, error: 0, poweredOff: 0, detached: 0, delayed: 0 };
}

/** Adds (`sign` 1) or removes (`sign` -1) one host's contribution, in place. */
export function adjustCounts(counts: FleetCounts, host: HostView, sign: 1 | -1): void {
  counts.total += sign;
  const n = (counts.byState[host.state] ?? 0) + sign;
  if (n === 0) delete counts.byState[host.state];
  else counts.byState[host.state] = n;
  if (host.operationalStatus === 'error') counts.error += sign;
  if (!host.poweredOn) counts.poweredOff += sign;
  if (host.operationalStatus === 'detached') counts.detached += sign;
  if (host.operationalStatus === 'delayed') counts.delayed += sign;
}

export function countHosts(hosts: Iterable<HostView>): FleetCounts {
  const counts = emptyCounts();
  for (const host of hosts) adjustCounts(counts, host, 1);
  return counts;
}

export function copyCounts(counts: FleetCounts): FleetCounts {
  return { ...counts, byState: { ...counts.byState } };
}
