import 'server-only';
/**
 * Bulk work as jobs: one task per host, a bounded number in flight against the API, per-host
 * errors collected, progress reported (throttled) to whoever listens, usually the event hub.
 * A write is not the end: with `lookup` (the fleet model) a job follows its hosts until each has
 * reached the action's goal (lib/bmh/job-goals.ts), failed at BMO, got stuck, or was taken over by a
 * later job; "succeeded" means every host got there.
 */
import { randomUUID } from 'node:crypto';
import type { HostView } from '../bmh/host-view';
import type { JobError, JobGoal as Goal, JobState, JobView } from '../api/contract';
import { atGoal, estimateRest, goalOf, problemOf } from '../bmh/job-goals';

export type { JobError, JobState, JobView };

export interface Task {
  host: string;
  run: () => Promise<void>;
}

export interface JobRunnerOptions {
  concurrency?: number;
  /** Progress reports per job at most this often (the last one always goes out). */
  reportEveryMs?: number;
  onProgress?: (job: JobView) => void;
  /** The first time a job stops running. */
  onFinish?: (job: JobView) => void;
  /** Any change worth saving. */
  onChange?: () => void;
  /** How many finished jobs stay queryable. */
  keep?: number;
  now?: () => number;
  /** The fleet model's view of a host (`namespace/name`); without it a job ends with its writes. */
  lookup?: (key: string) => HostView | undefined;
  /** A written host whose state has not moved for this long counts as stuck. */
  stuckAfterMs?: number;
}

const MAX_ERRORS_KEPT = 200;

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Tracked {
  view: JobView;
  writeErrors: JobError[];
  writeFailed: number;
  /** Written hosts and when. */
  hosts: Map<string, number>;
  seen: Set<string>;
  reached: Set<string>;
  lastReport: number;
  /** When `evaluate` last looked at every written host (see the worker in `start`). */
  lastEvaluated: number;
  finishedOnce: boolean;
}

/** A job's bookkeeping, before any write (`finishedOnce`: restored jobs have finished before). */
function tracked(view: JobView, finishedOnce: boolean): Tracked {
  return { view, writeErrors: [], writeFailed: 0, hosts: new Map(), seen: new Set(), reached: new Set(), lastReport: 0, lastEvaluated: 0, finishedOnce };
}

export class JobRunner {
  private readonly jobs = new Map<string, Tracked>();
  /** The job that wrote to a host last: an earlier job no longer waits for it. */
  private readonly owner = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: JobRunnerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  get(id: string): JobView | undefined {
    const job = this.jobs.get(id);
    return job && copy(job.view);
  }

  /** Newest first. */
  list(): JobView[] {
    return [...this.jobs.values()].map((job) => copy(job.view)).reverse();
  }

  /** Jobs saved by an earlier run of the dashboard: those that were running cannot be followed any more. */
  restore(saved: JobView[]): void {
    for (const view of [...saved].reverse()) {
      if (this.jobs.has(view.id)) continue;
      const state: JobState = view.state === 'running' ? 'interrupted' : view.state;
      this.jobs.set(view.id, tracked({ ...view, state, estimateMs: undefined }, true));
    }
    this.trim();
  }

  /** Starts a job and returns its view at once; `done` resolves when every write has finished. */
  start(action: string, tasks: Task[], describe: (error: unknown) => string = describeError): { job: JobView; done: Promise<JobView> } {
    const now = this.now();
    const goal = this.options.lookup ? goalOf(action) : undefined;
    const view: JobView = {
      id: randomUUID(),
      action,
      total: tasks.length,
      done: 0,
      failed: 0,
      errors: [],
      state: 'running',
      startedAt: now,
      written: 0,
      reached: 0,
      superseded: 0,
      updatedAt: now,
      ...(goal ? { goal } : {}),
    };
    const job = tracked(view, false);
    this.jobs.set(view.id, job);
    this.trim();
    const done = (async () => {
      let next = 0;
      const worker = async () => {
        while (next < tasks.length) {
          const task = tasks[next++]!;
          try {
            await task.run();
            job.hosts.set(task.host, this.now());
            this.owner.set(task.host, view.id);
          } catch (error) {
            job.writeFailed++;
            if (job.writeErrors.length < MAX_ERRORS_KEPT) job.writeErrors.push({ host: task.host, message: describe(error), kind: 'write' });
          }
          view.done++;
          // evaluate() walks every written host: after each write that made a create job of
          // 10,000 hosts quadratic (50 M lookups). Between reports the counts can wait; the
          // last write, track() and the final evaluate catch up.
          if (this.now() - job.lastEvaluated >= (this.options.reportEveryMs ?? 100)) this.evaluate(job, false);
        }
      };
      const workers = Math.max(1, Math.min(this.options.concurrency ?? 16, tasks.length));
      await Promise.all(Array.from({ length: workers }, worker));
      this.evaluate(job, true);
      return copy(view);
    })();
    this.report(job, true);
    return { job: copy(view), done };
  }

  /** Looks at every job still waiting for its hosts (call it whenever the fleet may have moved, e.g. each second). */
  track(): void {
    for (const job of this.jobs.values()) if (job.view.state !== 'succeeded' && job.view.state !== 'interrupted' && job.view.goal) this.evaluate(job, false);
  }

  /** Recounts a job from its hosts' views and reports it when something changed. */
  private evaluate(job: Tracked, final: boolean): void {
    const { view } = job;
    const now = this.now();
    job.lastEvaluated = now;
    const wasState = view.state;
    const before = `${view.state}|${view.done}|${view.reached}|${view.failed}|${view.superseded}`;
    const problems = view.goal ? this.follow(job, view.goal, now) : [];
    if (!view.goal) view.reached = job.hosts.size;
    view.written = job.hosts.size;
    view.failed = job.writeFailed + problems.length;
    view.errors = [...job.writeErrors, ...problems].slice(0, MAX_ERRORS_KEPT);
    const pending = view.total - view.reached - view.failed - view.superseded;
    view.state = pending > 0 ? 'running' : view.reached === view.total ? 'succeeded' : view.reached === 0 && view.superseded === 0 ? 'failed' : 'partial';
    view.estimateMs = view.state === 'running' ? estimateRest(view.startedAt, now, view.reached, pending) : undefined;
    if (view.state !== 'running' && wasState === 'running') view.finishedAt = now;
    const changed = before !== `${view.state}|${view.done}|${view.reached}|${view.failed}|${view.superseded}`;
    if (!changed && !final) return;
    view.updatedAt = now;
    this.report(job, final || view.state !== 'running');
    if (view.state !== 'running' && !job.finishedOnce) {
      job.finishedOnce = true;
      this.options.onFinish?.(copy(view));
    }
  }

  /** Counts the written hosts at the goal (they stay counted) and taken over; returns the ones in trouble. */
  private follow(job: Tracked, goal: Goal, now: number): JobError[] {
    const lookup = this.options.lookup!;
    const problems: JobError[] = [];
    let superseded = 0;
    for (const [host, writtenAt] of job.hosts) {
      if (job.reached.has(host)) continue;
      const seen = lookup(host);
      if (seen) job.seen.add(host);
      if (atGoal(goal, seen) && (seen || job.seen.has(host) || goal === 'gone')) {
        job.reached.add(host);
        continue;
      }
      if (this.owner.get(host) !== job.view.id) {
        superseded++;
        continue;
      }
      const stuckAfterMs = this.options.stuckAfterMs ?? 30 * 60_000;
      // A created host the watch has not shown yet is on its way, not deleted (unless that lasts).
      const unseen = !seen && !job.seen.has(host);
      const message = unseen
        ? now - writtenAt > stuckAfterMs
          ? 'never appeared in the fleet'
          : undefined
        : problemOf(goal, seen, writtenAt, now, stuckAfterMs);
      if (message) problems.push({ host, message, kind: 'operator' });
    }
    job.view.reached = job.reached.size;
    job.view.superseded = superseded;
    return problems;
  }

  private report(job: Tracked, final: boolean): void {
    const now = this.now();
    if (!final && now - job.lastReport < (this.options.reportEveryMs ?? 100)) return;
    job.lastReport = now;
    this.options.onProgress?.(copy(job.view));
    this.options.onChange?.();
  }

  private trim(): void {
    const keep = this.options.keep ?? 100;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.view.state === 'running') continue;
      this.jobs.delete(id);
      for (const host of job.hosts.keys()) if (this.owner.get(host) === id) this.owner.delete(host);
    }
  }
}

function copy(view: JobView): JobView {
  return { ...view, errors: [...view.errors] };
}

/**
 * Retries a call that failed for a reason that may pass (a lost optimistic-concurrency race, a
 * fault of the API server, a timeout), with a growing pause; `attempt` says which try it is.
 */
export async function withRetries<T>(
  call: (attempt: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  attempts = 4,
  baseDelayMs = 50,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
