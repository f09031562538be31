'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { RunView } from '@/lib/runs/view';
import { fmtNumber, fmtSeconds } from './chart-data';
import { runsQuery } from './run-api';
import { StatusBadge } from './status-badge';

function headline(run: RunView): string {
  return run.phases
    .map((p) => `${p.name} ${fmtSeconds(p.durationSeconds)}${p.throughputHostsPerMin ? ` (${fmtNumber(p.throughputHostsPerMin)}/min)` : ''}`)
    .join(' · ');
}

/** Every run, newest first; tick two or more to compare them. */
export function RunsList() {
  const runs = useQuery(runsQuery).data;
  const [picked, setPicked] = useState<string[]>([]);
  if (!runs) return <p className="text-sm text-slate-500">Loading runs…</p>;
  if (runs.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No runs yet: start one above.</p>;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center gap-3 text-sm">
        {picked.length >= 2 ? (
          <Link
            className="rounded-md bg-sky-600 px-3 py-1.5 font-medium text-white hover:bg-sky-700"
            href={`/runs/compare?ids=${picked.join(',')}`}
            data-testid="compare-link"
          >
            Compare {picked.length} runs
          </Link>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">Tick two or more runs to compare them.</span>
        )}
      </div>
      <table className="w-full border-separate border-spacing-x-2 text-left text-sm">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className="w-8 py-1" />
            <th>run</th>
            <th>status</th>
            <th>limits</th>
            <th>hosts</th>
            <th>phases</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={run.id}
              className="border-t border-slate-100 align-top dark:border-slate-800"
              data-testid="run-row"
              data-run={run.id}
              data-status={run.status}
            >
              <td className="py-1.5">
                <input
                  type="checkbox"
                  aria-label={`pick ${run.id} to compare`}
                  checked={picked.includes(run.id)}
                  onChange={() => toggle(run.id)}
                  data-testid="run-pick"
                />
              </td>
              <td className="py-1.5">
                <Link href={`/runs/${run.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {run.name}
                </Link>
                <div className="font-mono text-xs text-slate-500">{run.id}</div>
              </td>
              <td className="py-1.5">
                <StatusBadge status={run.status} />
              </td>
              <td className="py-1.5 text-xs">{run.settings.limits}</td>
              <td className="py-1.5 tabular-nums">{run.created.toLocaleString('en')}</td>
              <td className="py-1.5 text-xs">{headline(run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
