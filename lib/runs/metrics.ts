/**
 * A phase's numbers from the transition record: hosts, duration from first write to the last
 * host at the target, hosts per minute, time to 50/90/99/100 % of hosts, per-host duration
 * percentiles, states passed through, errors by type and stuck hosts. Pure; `now` is passed in
 * (it ends the stay of hosts still on their way). Seconds are rounded to the millisecond.
 */
import { atTarget, type PhaseDef, type Target } from './phases';
import { GONE, observationAt, type Observation, type RunRecord } from './record';

export interface StuckHost {
  host: string;
  state: string;
  seconds: number;
}

export interface PhaseReport {
  name: string;
  kind: PhaseDef['kind'];
  target: Target;
  /** Hosts this phase wrote to. */
  numHosts: number;
  reached: number;
  notReached: number;
  startedAt: number | null;
  durationSeconds: number | null;
  throughputHostsPerMin: number | null;
  t50Seconds: number | null;
  t90Seconds: number | null;
  t99Seconds: number | null;
  t100Seconds: number | null;
  p50Seconds: number | null;
  p95Seconds: number | null;
  p99Seconds: number | null;
  maxSeconds: number | null;
  /** Hosts that passed through each state on the way (the target excluded). */
  intermediate: Record<string, number>;
  errors: number;
  errorsByType: Record<string, number>;
  stuck: StuckHost[];
  stuckHosts: number;
  /** Time-to-N: [seconds since the first write, hosts at the target], one point per host. */
  curve: [number, number][];
  /** Host key → seconds from its write to the target (hosts that got there). */
  perHost: Record<string, number>;
}

export const round3 = (seconds: number) => Math.round(seconds * 1000) / 1000;
const sec = (ms: number) => round3(ms / 1000);

/** Nearest-rank percentile of sorted values (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** Seconds from `start` until `share` of `total` hosts were there, or null when they never were. */
export function timeToShare(reachedAt: readonly number[], total: number, share: number, start: number): number | null {
  const needed = Math.max(1, Math.ceil(share * total));
  return reachedAt.length >= needed ? sec(reachedAt[needed - 1]! - start) : null;
}

const observed = (o: Observation | undefined) => (o && o[1] !== GONE ? { state: o[1], poweredOn: o[2] === 1 } : undefined);

interface HostWalk {
  reachedAt?: number;
  passed: Set<string>;
  errorTypes: Set<string>;
  stuck?: StuckHost;
}

/** What one host did between its write (`start`) and the target, or `until` (next phase or now). */
export function walkHost(key: string, log: readonly Observation[] | undefined, target: Target, start: number, until: number, stuckMs: number): HostWalk {
  const walk: HostWalk = { passed: new Set(), errorTypes: new Set() };
  let current = observationAt(log, start);
  if (atTarget(target, observed(current))) return { ...walk, reachedAt: start };
  let since = start;
  const noteStay = (end: number) => {
    const stay = end - since;
    const state = current?.[1] ?? 'none';
    if (stay >= stuckMs && (!walk.stuck || stay / 1000 > walk.stuck.seconds)) walk.stuck = { host: key, state, seconds: sec(stay) };
  };
  for (const o of log ?? []) {
    if (o[0] < start) continue;
    if (o[0] > until) break;
    if (o[3]) walk.errorTypes.add(o[3]);
    if (atTarget(target, observed(o))) {
      noteStay(o[0]);
      walk.reachedAt = o[0];
      return walk;
    }
    if (!current || o[1] !== current[1]) {
      noteStay(o[0]);
      since = o[0];
      if (o[1] !== GONE) walk.passed.add(o[1]);
    }
    current = o;
  }
  noteStay(until);
  return walk;
}

export interface PhaseContext {
  now: number;
  stuckSeconds: number;
  /** Host key → when a later phase wrote to it (ends this phase's watch of the host). */
  nextStart?: (key: string) => number | undefined;
}

export function phaseReport(def: PhaseDef, record: RunRecord, ctx: PhaseContext): PhaseReport {
  const writes = record.phases[def.name] ?? { starts: {}, failed: {} };
  const entries = Object.entries(writes.starts);
  const firstWrite = entries.length ? Math.min(...entries.map(([, t]) => t)) : null;
  const reachedAt: number[] = [];
  const perHost: Record<string, number> = {};
  const intermediate: Record<string, number> = {};
  const errorsByType: Record<string, number> = {};
  const stuck: StuckHost[] = [];
  for (const [key, start] of entries) {
    const until = Math.min(ctx.nextStart?.(key) ?? ctx.now, ctx.now);
    const walk = walkHost(key, record.hosts[key], def.target, start, until, ctx.stuckSeconds * 1000);
    if (walk.reachedAt !== undefined) {
      reachedAt.push(walk.reachedAt);
      perHost[key] = sec(walk.reachedAt - start);
    }
    for (const s of walk.passed) intermediate[s] = (intermediate[s] ?? 0) + 1;
    for (const e of walk.errorTypes) errorsByType[e] = (errorsByType[e] ?? 0) + 1;
    if (walk.stuck) stuck.push(walk.stuck);
  }
  const failedWrites = Object.keys(writes.failed).length;
  if (failedWrites) errorsByType['write error'] = failedWrites;
  reachedAt.sort((a, b) => a - b);
  const durations = Object.values(perHost).sort((a, b) => a - b);
  const numHosts = entries.length;
  const last = reachedAt[reachedAt.length - 1];
  const durationSeconds = firstWrite !== null && last !== undefined ? sec(last - firstWrite) : null;
  const share = (p: number) => (firstWrite === null ? null : timeToShare(reachedAt, numHosts, p, firstWrite));
  return {
    name: def.name,
    kind: def.kind,
    target: def.target,
    numHosts,
    reached: reachedAt.length,
    notReached: numHosts - reachedAt.length,
    startedAt: firstWrite,
    durationSeconds,
    throughputHostsPerMin: durationSeconds ? Math.round((reachedAt.length / durationSeconds) * 60 * 10) / 10 : null,
    t50Seconds: share(0.5),
    t90Seconds: share(0.9),
    t99Seconds: share(0.99),
    t100Seconds: share(1),
    p50Seconds: percentile(durations, 50),
    p95Seconds: percentile(durations, 95),
    p99Seconds: percentile(durations, 99),
    maxSeconds: durations.length ? durations[durations.length - 1]! : null,
    intermediate,
    errors: Object.values(errorsByType).reduce((a, b) => a + b, 0),
    errorsByType,
    stuck: stuck.sort((a, b) => b.seconds - a.seconds).slice(0, 100),
    stuckHosts: stuck.length,
    curve: firstWrite === null ? [] : reachedAt.map((t, i) => [sec(t - firstWrite), i + 1]),
    perHost,
  };
}

/** Every phase's report; a host's stay in a phase ends when a later phase writes to it. */
export function phaseReports(defs: readonly PhaseDef[], record: RunRecord, now: number, stuckSeconds: number): PhaseReport[] {
  return defs.map((def, i) => {
    const later = defs.slice(i + 1).map((d) => record.phases[d.name]?.starts ?? {});
    const nextStart = (key: string) => {
      for (const starts of later) if (starts[key] !== undefined) return starts[key];
      return undefined;
    };
    return phaseReport(def, record, { now, stuckSeconds, nextStart });
  });
}
