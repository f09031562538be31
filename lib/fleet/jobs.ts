import 'server-only';
/**
 * Bulk work as jobs: one task per host, a bounded number in flight against the API, per-host
 * errors collected, progress reported (throttled) to whoever listens, usually the event hub.
 */
import { randomUUID } from 'node:crypto';
import type { JobView } from '../api/contract';

export interface Task {
  host: string;
  run: () => Promise<void>;
}

export interface JobRunnerOptions {
  concurrency?: number;
  /** Progress reports per job at most this often (the last one always goes out). */
  reportEveryMs?: number;
  onProgress?: (job: JobView) => void;
  onFinish?: (job: JobView) => void;
  /** How many finished jobs stay queryable. */
  keep?: number;
  now?: () => number;
}

const MAX_ERRORS_KEPT = 200;

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class JobRunner {
  private readonly jobs = new Map<string, JobView>();
  private readonly now: () => number;

  constructor(private readonly options: JobRunnerOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  get(id: string): JobView | undefined {
    return this.jobs.get(id);
  }

  list(): JobView[] {
    return [...this.jobs.values()];
  }

  /** Starts a job and returns its view at once; `done` resolves when every task has finished. */
  start(action: string, tasks: Task[], describe: (error: unknown) => string = describeError): { job: JobView; done: Promise<JobView> } {
    const job: JobView = { id: randomUUID(), action, total: tasks.length, done: 0, failed: 0, errors: [], state: 'running', startedAt: this.now() };
    this.jobs.set(job.id, job);
    this.trim();
    let lastReport = 0;
    const report = (final: boolean) => {
      const now = this.now();
      if (!final && now - lastReport < (this.options.reportEveryMs ?? 100)) return;
      lastReport = now;
      this.options.onProgress?.({ ...job, errors: [...job.errors] });
    };
    const done = (async () => {
      let next = 0;
      const worker = async () => {
        while (next < tasks.length) {
          const task = tasks[next++]!;
          try {
            await task.run();
          } catch (error) {
            job.failed++;
            if (job.errors.length < MAX_ERRORS_KEPT) job.errors.push({ host: task.host, message: describe(error) });
          }
          job.done++;
          report(false);
        }
      };
      const workers = Math.max(1, Math.min(this.options.concurrency ?? 16, tasks.length));
      await Promise.all(Array.from({ length: workers }, worker));
      job.state = job.failed === 0 ? 'succeeded' : job.failed === job.total ? 'failed' : 'partial';
      job.finishedAt = this.now();
      report(true);
      this.options.onFinish?.({ ...job });
      return job;
    })();
    report(true);
    return { job: { ...job }, done };
  }

  private trim(): void {
    const keep = this.options.keep ?? 100;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.state !== 'running') this.jobs.delete(id);
    }
  }
}

/**
 * Retries a call that failed for a reason that may pass (a lost optimistic-concurrency race, a
 * fault of the API server, a timeout), with a growing pause; `attempt` says which try it is.
 */
export async function withRetries<T>(call: (attempt: number) => Promise<T>, retryable: (error: unknown) => boolean, attempts = 4, baseDelayMs = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
