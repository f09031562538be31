'use client';
import { useQuery } from '@tanstack/react-query';
import { jobsQuery } from '@/lib/client/queries';
import type { JobView } from '@/lib/api/contract';

function JobRow({ job }: { job: JobView }) {
  const percent = job.total ? Math.round((job.done / job.total) * 100) : 100;
  const tone = job.state === 'failed' ? 'bg-rose-500' : job.state === 'partial' ? 'bg-amber-500' : job.state === 'running' ? 'bg-sky-500' : 'bg-emerald-500';
  return (
    <li className="text-xs" data-testid="job" data-state={job.state}>
      <div className="flex justify-between gap-2">
        <span className="font-medium">{job.action}</span>
        <span className="tabular-nums text-slate-500 dark:text-slate-400">
          {job.done.toLocaleString('en')}/{job.total.toLocaleString('en')}
          {job.failed > 0 && <span className="text-rose-600"> · {job.failed} failed</span>} · {job.state}
        </span>
      </div>
      <div className="mt-1 h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={`${job.action} progress`}>
        <div className={`h-full ${tone} transition-[width]`} style={{ width: `${percent}%` }} />
      </div>
      {job.errors.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-rose-600">{job.errors.length} error{job.errors.length > 1 ? 's' : ''}</summary>
          <ul className="mt-1 max-h-32 overflow-auto font-mono text-[11px]">
            {job.errors.map((e) => (
              <li key={e.host}>
                {e.host}: {e.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/** Progress of recent jobs, fed by the stream's `job` events. */
export function JobProgress() {
  const jobs = useQuery(jobsQuery).data ?? [];
  if (jobs.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">No jobs yet. Create hosts or run an action to see progress here.</p>;
  return <ul className="flex flex-col gap-2">{jobs.slice(0, 5).map((job) => <JobRow key={job.id} job={job} />)}</ul>;
}
