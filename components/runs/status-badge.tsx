import type { RunStatus } from '@/lib/runs/report';

const TONES: Record<RunStatus, string> = {
  running: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  passed: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  failed: 'bg-rose-100 text-rose-900 dark:bg-rose-900 dark:text-rose-100',
  cancelled: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  errored: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`} data-testid="run-status">
      {status}
    </span>
  );
}
