/**
 * When each host acts, and how many act at once: one timer per host (its stage's delay, like a
 * controller-runtime `RequeueAfter`), a FIFO work queue drained by at most `concurrency` workers
 * (BMO's MaxConcurrentReconciles), and a client rate limiter every API write goes through
 * (BMO's --kube-api-qps / --kube-api-burst). It knows nothing of stages or BareMetalHosts.
 */
import type { Clock } from './clock';
import type { Limits } from './profiles';
import { TokenBucket } from './token-bucket';
import type { TwinStats } from '../api/contract';

/** The scheduler's share of the twin's figures (their meaning is documented on TwinStats). */
export type SchedulerStats = Pick<TwinStats, 'scheduled' | 'queueDepth' | 'busyWorkers' | 'workerWaitMs' | 'limiterWaitMs' | 'limiterQueued' | 'writes'>;

interface Waiting {
  label: string;
  handle: unknown;
  dueAt: number;
}

export interface SchedulerOptions {
  clock: Clock;
  limits: Limits;
  /** A worker's job: reconcile this host once; what it returns runs once the worker is free. */
  work: (key: string) => Promise<(() => void) | void>;
}

export class HostScheduler {
  private readonly waiting = new Map<string, Waiting>();
  /** Due hosts in FIFO order, with the time each became due. */
  private readonly queue = new Map<string, number>();
  private readonly busy = new Set<string>();
  private readonly bucket: TokenBucket;
  private concurrency: number;
  private workerWaitMs = 0;
  private writes = 0;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.limits.concurrency;
    this.bucket = new TokenBucket(options.limits.qps, options.limits.burst, options.clock);
  }

  setLimits(limits: Limits): void {
    this.concurrency = limits.concurrency;
    this.bucket.configure(limits.qps, limits.burst);
    this.pump();
  }

  /**
   * The host acts after `delayMs` under `label`. A delay already counting down for the same
   * label is kept (returns false); any other is replaced (returns true).
   */
  schedule(key: string, label: string, delayMs: number): boolean {
    const current = this.waiting.get(key);
    if (current?.label === label) return false;
    this.cancel(key);
    const { clock } = this.options;
    const handle = clock.setTimeout(() => {
      this.waiting.delete(key);
      this.enqueue(key);
    }, delayMs);
    this.waiting.set(key, { label, handle, dueAt: clock.now() + delayMs });
    return true;
  }

  /** What the host waits for, and when it is due. */
  scheduled(key: string): { label: string; dueAt: number } | undefined {
    const w = this.waiting.get(key);
    return w && { label: w.label, dueAt: w.dueAt };
  }

  /** Ends a pending delay now, as a watch event ends a RequeueAfter. */
  cutShort(key: string): boolean {
    if (!this.waiting.has(key)) return false;
    this.cancel(key);
    this.enqueue(key);
    return true;
  }

  cancel(key: string): void {
    const w = this.waiting.get(key);
    if (w) this.options.clock.clearTimeout(w.handle);
    this.waiting.delete(key);
  }

  isBusy(key: string): boolean {
    return this.busy.has(key);
  }

  /** Queues the host for a worker now. */
  enqueue(key: string): void {
    if (this.queue.has(key)) return;
    this.queue.set(key, this.options.clock.now());
    this.pump();
  }

  /** Every API write goes through here: one token of the rate limiter, then the call. */
  async write<T>(call: () => Promise<T>): Promise<T> {
    await this.bucket.take();
    this.writes++;
    return call();
  }

  /** Hosts by what they wait for, for the simulator panel. */
  pending(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { label } of this.waiting.values()) out[label] = (out[label] ?? 0) + 1;
    return out;
  }

  stats(): SchedulerStats {
    return {
      scheduled: this.waiting.size,
      queueDepth: this.queue.size,
      busyWorkers: this.busy.size,
      workerWaitMs: Math.round(this.workerWaitMs),
      limiterWaitMs: Math.round(this.bucket.waitedMs),
      limiterQueued: this.bucket.waiting,
      writes: this.writes,
    };
  }

  stop(): void {
    this.stopped = true;
    for (const key of [...this.waiting.keys()]) this.cancel(key);
    this.queue.clear();
  }

  private pump(): void {
    const limit = this.concurrency > 0 ? this.concurrency : Number.POSITIVE_INFINITY;
    while (!this.stopped && this.busy.size < limit) {
      const next = this.nextIdle();
      if (next === undefined) return;
      this.workerWaitMs += this.options.clock.now() - this.queue.get(next)!;
      this.queue.delete(next);
      this.busy.add(next);
      void this.options
        .work(next)
        .catch(() => undefined)
        .then((after) => {
          this.busy.delete(next);
          after?.();
          this.pump();
        });
    }
  }

  /** The first due host no worker holds (controller-runtime never runs one key twice at once). */
  private nextIdle(): string | undefined {
    for (const key of this.queue.keys()) if (!this.busy.has(key)) return key;
    return undefined;
  }
}
