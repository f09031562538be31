/**
 * The per-host transition record of a run: when each phase wrote to each host, and every change
 * of state, power or error the dashboard's watch delivered for the run's hosts. It is what the
 * report and the curves are computed from, and what is saved to redraw them. Pure.
 */
export const GONE = '(gone)';

/** One observation: [epoch ms, state (GONE when deleted), poweredOn 0/1, errorType]. */
export type Observation = [t: number, state: string, poweredOn: 0 | 1, errorType: string];

export interface PhaseWrites {
  /** Host key → epoch ms when this phase's write to it was sent. */
  starts: Record<string, number>;
  /** Writes that failed for good: host key → message. */
  failed: Record<string, string>;
}

export interface RunRecord {
  /** Host key (`namespace/name`) → its observations, oldest first. */
  hosts: Record<string, Observation[]>;
  /** Phase name → its writes. */
  phases: Record<string, PhaseWrites>;
}

export interface ObservedHost {
  state: string;
  poweredOn: boolean;
  errorType: string;
}

export function emptyRecord(): RunRecord {
  return { hosts: {}, phases: {} };
}

/** Adds an observation when it changes what is recorded for the host; returns whether it did. */
export function observe(record: RunRecord, key: string, t: number, host: ObservedHost | undefined): boolean {
  const log = record.hosts[key];
  if (!log && !host) return false;
  const next: Observation = host ? [t, host.state, host.poweredOn ? 1 : 0, host.errorType] : [t, GONE, 0, ''];
  const last = log?.[log.length - 1];
  if (last && last[1] === next[1] && last[2] === next[2] && last[3] === next[3]) return false;
  if (log) log.push(next);
  else record.hosts[key] = [next];
  return true;
}

export function noteWrite(record: RunRecord, phase: string, key: string, t: number): void {
  (record.phases[phase] ??= { starts: {}, failed: {} }).starts[key] = t;
}

export function noteWriteFailed(record: RunRecord, phase: string, key: string, message: string): void {
  const writes = (record.phases[phase] ??= { starts: {}, failed: {} });
  delete writes.starts[key];
  writes.failed[key] = message;
}

/** The host's last observation before `t`, if any (one at `t` itself counts as after a write at `t`). */
export function observationAt(log: readonly Observation[] | undefined, t: number): Observation | undefined {
  if (!log) return undefined;
  let found: Observation | undefined;
  for (const o of log) {
    if (o[0] >= t) break;
    found = o;
  }
  return found;
}
