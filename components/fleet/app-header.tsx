'use client';
import Link from 'next/link';
import { ConnectionStatus } from './connection-status';
import { ThemeToggle } from '../ui/theme-toggle';
import { useCluster, useFleet } from './use-fleet';

/** Which cluster, whether the page is live, how many hosts, and the twin's profile. */
export function AppHeader() {
  const cluster = useCluster();
  const fleet = useFleet();
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 border-b border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <Link href="/" className="text-lg font-bold tracking-tight">
        Fleet<span className="text-sky-700 dark:text-sky-400">scope</span>
      </Link>
      <Link href="/runs" className="text-sm font-medium text-sky-700 hover:underline dark:text-sky-400" data-testid="nav-runs">
        Runs
      </Link>
      <span className="text-sm" data-testid="cluster-name" title={cluster?.server}>
        {cluster ? (cluster.mode === 'embedded' ? 'embedded cluster' : `context ${cluster.context}`) : '…'}
        {cluster?.namespace && <span className="text-slate-500"> · namespace {cluster.namespace}</span>}
      </span>
      <ConnectionStatus />
      <span className="text-sm tabular-nums">
        <strong>{fleet ? fleet.counts.total.toLocaleString('en') : '–'}</strong> hosts
      </span>
      {cluster?.profile && (
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800" title="The BMO test-mode twin's timing profile">
          twin: {cluster.profile}
        </span>
      )}
      {cluster?.twinOff && (
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800" data-testid="twin-off-badge" title={cluster.twinOff}>
          twin: off
        </span>
      )}
      {cluster?.readonly && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">read-only</span>}
      <span className="ml-auto">
        <ThemeToggle />
      </span>
      {(cluster?.warnings ?? []).map((warning) => (
        <p
          key={warning}
          role="alert"
          data-testid="cluster-warning"
          className="basis-full rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {warning}
        </p>
      ))}
    </header>
  );
}
