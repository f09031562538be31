/** Small pure helpers for the benchmark's numbers. */

export interface Distribution {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]!, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

/**
 * Transitions as an observer saw them: `host@state#k` (the k-th time that host entered that
 * state) → epoch ms. Observers that miss short-lived states still agree on the ones they saw.
 */
export class TransitionLog {
  readonly seen = new Map<string, number>();
  private readonly last = new Map<string, string>();
  private readonly occurrences = new Map<string, number>();

  /** Notes that `host` is in `state` at `at`; only a change of state counts. */
  note(host: string, state: string, at: number): void {
    if (this.last.get(host) === state) return;
    this.last.set(host, state);
    const k = `${host}@${state}`;
    const n = (this.occurrences.get(k) ?? 0) + 1;
    this.occurrences.set(k, n);
    this.seen.set(`${k}#${n}`, at);
  }

  /** How many transitions were seen from `from` to `to` (epoch ms, both included). */
  countBetween(from: number, to: number): number {
    let n = 0;
    for (const at of this.seen.values()) if (at >= from && at <= to) n++;
    return n;
  }

  forget(host: string): void {
    this.last.delete(host);
  }

  /**
   * When the last of these hosts was seen entering `state` at or after `since` (its latest
   * occurrence), or undefined while one has not.
   */
  lastArrival(hosts: Iterable<string>, state: string, since = 0): number | undefined {
    let latest = 0;
    for (const host of hosts) {
      const n = this.occurrences.get(`${host}@${state}`);
      const at = n ? this.seen.get(`${host}@${state}#${n}`) : undefined;
      if (at === undefined || at < since) return undefined;
      latest = Math.max(latest, at);
    }
    return latest;
  }
}

/** Lag of `observer` behind `floor` for every transition both saw, in ms. */
export function lags(floor: TransitionLog, observer: TransitionLog): number[] {
  const out: number[] = [];
  for (const [key, at] of observer.seen) {
    const base = floor.seen.get(key);
    if (base !== undefined) out.push(at - base);
  }
  return out;
}
