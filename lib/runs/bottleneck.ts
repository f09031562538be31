/**
 * Bottleneck view: the twin's counters sampled about once a second during a run, and the
 * waiting they show (for a reconcile worker = concurrency, for the client rate limiter = QPS)
 * attributed to the phases whose hosts were on their way in each interval, in proportion to
 * how many. Pure: samples and phase intervals in, shares out.
 */
export interface TwinSample {
  t: number;
  /** Cumulative writes of the twin. */
  writes: number;
  /** Cumulative milliseconds hosts waited for a worker / for the rate limiter (newer twins). */
  workerWaitMs?: number;
  limiterWaitMs?: number;
  queueDepth?: number;
  busyWorkers?: number;
  /** Hosts sleeping through a stage delay. */
  inDelay?: number;
}

export interface PhaseSpan {
  name: string;
  /** [start, end] per host, epoch ms (end = when it reached the target, or the run's end). */
  spans: [number, number][];
}

export interface PhaseWaits {
  phase: string;
  workerWaitSeconds: number | null;
  limiterWaitSeconds: number | null;
  /** Sum of hosts' time in the phase. */
  hostSeconds: number;
  workerShare: number | null;
  limiterShare: number | null;
  /**
   * Share of the phase's time (seconds with any of its hosts on their way) in which the twin
   * wrote at 90 % or more of its QPS limit: the rate limiter was what paced it. Null without a limit.
   */
  atQpsLimitShare: number | null;
}

export interface RatePoint {
  /** Seconds since the run started. */
  s: number;
  writesPerSecond: number;
  queueDepth: number | null;
  busyWorkers: number | null;
}

/** Hosts of a phase on their way at time t (start ≤ t < end). */
function activeAt(span: PhaseSpan, t: number): number {
  let n = 0;
  for (const [a, b] of span.spans) if (a <= t && t < b) n++;
  return n;
}

export function hasWaits(samples: readonly TwinSample[]): boolean {
  return samples.some((s) => s.workerWaitMs !== undefined || s.limiterWaitMs !== undefined);
}

export function attributeWaits(samples: readonly TwinSample[], phases: readonly PhaseSpan[], qps = 0): PhaseWaits[] {
  const known = hasWaits(samples);
  const worker = new Map<string, number>();
  const limiter = new Map<string, number>();
  const active = new Map<string, number>();
  const atLimit = new Map<string, number>();
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const mid = (a.t + b.t) / 2;
    const weights = phases.map((p) => activeAt(p, mid));
    const total = weights.reduce((x, y) => x + y, 0);
    if (total === 0) continue;
    const dt = b.t - a.t;
    const limited = qps > 0 && dt > 0 && (b.writes - a.writes) / (dt / 1000) >= 0.9 * qps;
    phases.forEach((p, j) => {
      if (weights[j] === 0) return;
      active.set(p.name, (active.get(p.name) ?? 0) + dt);
      if (limited) atLimit.set(p.name, (atLimit.get(p.name) ?? 0) + dt);
    });
    const dWorker = Math.max(0, (b.workerWaitMs ?? 0) - (a.workerWaitMs ?? 0));
    const dLimiter = Math.max(0, (b.limiterWaitMs ?? 0) - (a.limiterWaitMs ?? 0));
    phases.forEach((p, j) => {
      const w = weights[j]! / total;
      worker.set(p.name, (worker.get(p.name) ?? 0) + dWorker * w);
      limiter.set(p.name, (limiter.get(p.name) ?? 0) + dLimiter * w);
    });
  }
  return phases.map((p) => {
    const hostSeconds = p.spans.reduce((n, [a, b]) => n + Math.max(0, b - a), 0) / 1000;
    const w = known ? (worker.get(p.name) ?? 0) / 1000 : null;
    const l = known ? (limiter.get(p.name) ?? 0) / 1000 : null;
    const share = (x: number | null) => (x === null || hostSeconds === 0 ? null : Math.min(1, Math.round((x / hostSeconds) * 1000) / 1000));
    return {
      phase: p.name,
      workerWaitSeconds: w === null ? null : Math.round(w * 10) / 10,
      limiterWaitSeconds: l === null ? null : Math.round(l * 10) / 10,
      hostSeconds: Math.round(hostSeconds * 10) / 10,
      workerShare: share(w),
      limiterShare: share(l),
      atQpsLimitShare: qps > 0 && active.get(p.name) ? Math.round(((atLimit.get(p.name) ?? 0) / active.get(p.name)!) * 1000) / 1000 : null,
    };
  });
}

/** Writes per second, queue depth and busy workers over time, one point per sample interval. */
export function ratePoints(samples: readonly TwinSample[], startedAt: number): RatePoint[] {
  const out: RatePoint[] = [];
  let a = samples[0];
  for (let i = 1; i < samples.length; i++) {
    const b = samples[i]!;
    const dt = (b.t - a!.t) / 1000;
    // Samples come back over IPC at uneven times: two close ones would make a false spike.
    if (dt < 0.5) continue;
    out.push({
      s: Math.round((b.t - startedAt) / 100) / 10,
      writesPerSecond: Math.round((Math.max(0, b.writes - a!.writes) / dt) * 10) / 10,
      queueDepth: b.queueDepth ?? null,
      busyWorkers: b.busyWorkers ?? null,
    });
    a = b;
  }
  return out;
}

/** At most `max` points, evenly picked (the last kept), so reports stay small. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  const out: T[] = [];
  for (let i = 0; i < max - 1; i++) out.push(points[Math.floor(i * step)]!);
  out.push(points[points.length - 1]!);
  return out;
}
