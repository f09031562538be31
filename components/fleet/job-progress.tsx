'use client';
import { useQuery } from '@tanstack/react-query';
import { jobsQuery, savedJobsQuery } from '@/lib/client/queries';
import type { JobView } from '@/lib/api/contract';
import { estimateRest } from '@/lib/bmh/job-goals';
import { humanDuration } from '@/lib/bmh/human-duration';
import { useNow } from './connection-status';

const SHOWN = 5;
const fmt = (n: number) => n.toLocaleString('en');
const TONE: Record<JobView['state'], string> = {
  running: 'text-sky-800 dark:text-sky-300',
  succeeded: 'text-emerald-800 dark:text-emerald-300',
  partial: 'text-amber-800 dark:text-amber-300',
  failed: 'text-rose-700 dark:text-rose-300',
  interrupted: 'text-slate-600 dark:text-slate-300',
};

/** Written, at the goal, failed; how long it has taken and (while it runs) how long the rest should take. */
function JobFigures({ job, now }: { job: JobView; now: number }) {
  const elapsed = (job.state === 'running' ? now : (job.finishedAt ?? job.updatedAt ?? now)) - job.startedAt;
  const pending = job.total - job.reached - job.failed - (job.superseded ?? 0);
  const rest = job.state === 'running' ? estimateRest(job.startedAt, now, job.reached, pending) : undefined;
  return (
    <p className="tabular-nums text-slate-600 dark:text-slate-300" data-testid="job-figures">
      <span data-testid="job-written">{fmt(job.written ?? job.done - job.failed)}</span>/{fmt(job.total)} written
      {job.goal && (
        <>
          {' · '}
          <span data-testid="job-reached">{fmt(job.reached)}</span> {job.goal}
        </>
      )}
      {job.failed > 0 && <span className="text-rose-700 dark:text-rose-300"> · {fmt(job.failed)} failed</span>}
      {(job.superseded ?? 0) > 0 && <> · {fmt(job.superseded)} taken over by a later job</>}
      {' · '}
      {humanDuration(elapsed)}
      {rest !== undefined && rest > 0 && <> · about {humanDuration(rest)} left</>}
    </p>
  );
}

/** Two layers: written (light) and at the goal (solid). */
function JobBar({ job }: { job: JobView }) {
  const pct = (n: number) => (job.total ? (n / job.total) * 100 : 100);
  const solid =
    job.state === 'failed' ? 'bg-rose-600' : job.state === 'partial' ? 'bg-amber-500' : job.state === 'interrupted' ? 'bg-slate-500' : 'bg-emerald-600';
  return (
    <div
      className="relative mt-1 h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      role="progressbar"
      aria-valuenow={Math.round(pct(job.reached))}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={`${job.action}: ${job.reached} of ${job.total} hosts done`}
    >
      <div className="absolute inset-y-0 left-0 bg-sky-300 dark:bg-sky-800" style={{ width: `${pct(job.written ?? job.done)}%` }} />
      <div className={`absolute inset-y-0 left-0 ${solid} transition-[width]`} style={{ width: `${pct(job.reached)}%` }} />
    </div>
  );
}

function JobRow({ job, now }: { job: JobView; now: number }) {
  return (
    <li className="text-xs" data-testid="job" data-state={job.state} data-job={job.id}>
      <div className="flex justify-between gap-2">
        <span className="font-medium">
          {job.action}
          {job.goal && <span className="font-normal text-slate-600 dark:text-slate-300"> → {job.goal}</span>}
        </span>
        <span
          className={`font-semibold ${TONE[job.state]}`}
          data-testid="job-state"
          title={job.state === 'interrupted' ? 'The dashboard stopped while this job ran' : undefined}
        >
          {job.state}
        </span>
      </div>
      <JobFigures job={job} now={now} />
      <JobBar job={job} />
      {job.errors.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-rose-700 dark:text-rose-300">
            {job.failed.toLocaleString('en')} host{job.failed > 1 ? 's' : ''} failed or stuck: why
          </summary>
          <ul className="mt-1 max-h-32 overflow-auto font-mono text-[11px]" tabIndex={0} aria-label={`Errors of the ${job.action} job`}>
            {job.errors.map((e) => (
              <li key={e.host}>
                {e.host}: {e.kind === 'write' ? 'not written: ' : ''}
                {e.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** The page's jobs: those the server had when the page loaded, updated and joined by the stream's `job` events. */
export function useJobs(): JobView[] {
  const live = useQuery(jobsQuery).data ?? [];
  const saved = useQuery(savedJobsQuery).data ?? [];
  const byId = new Map(saved.map((job) => [job.id, job]));
  for (const job of live) byId.set(job.id, job);
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
}

/** Progress of recent jobs. */
export function JobProgress() {
  const jobs = useJobs();
  const now = useNow();
  if (jobs.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">No jobs yet. Create hosts or run an action to see progress here.</p>;
  return (
    <ul className="flex flex-col gap-3">
      {jobs.slice(0, SHOWN).map((job) => (
        <JobRow key={job.id} job={job} now={now} />
      ))}
    </ul>
  );
}
