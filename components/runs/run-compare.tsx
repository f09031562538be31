'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Comparison } from '@/lib/runs/api';
import type { Verdict } from '@/lib/runs/compare';
import { Card, CardTitle } from '../ui/card';
import { fmtNumber, fmtShare } from './chart-data';
import { lineStyle, TimeToNChart } from './run-charts';
import { compareQuery } from './run-api';
import { StatusBadge } from './status-badge';

const TONE: Record<string, string> = { notable: 'font-semibold', minor: '', noise: 'text-slate-500', same: 'text-slate-500', 'n/a': 'text-slate-400' };
const DIRECTION: Record<string, string> = {
  faster: 'text-emerald-700 dark:text-emerald-400',
  better: 'text-emerald-700 dark:text-emerald-400',
  slower: 'text-rose-700 dark:text-rose-400',
  worse: 'text-rose-700 dark:text-rose-400',
};

function VerdictCell({ v }: { v: Verdict }) {
  const change = v.changePercent === null ? '' : `${v.changePercent > 0 ? '+' : ''}${v.changePercent} % `;
  return (
    <span className={`${TONE[v.band] ?? ''} ${DIRECTION[v.direction] ?? ''}`} data-testid="verdict" data-band={v.band} data-direction={v.direction}>
      {change}
      {v.band}
      {v.direction ? `, ${v.direction}` : ''}
    </span>
  );
}

/** Every phase metric side by side, with the change against the first run and its verdict. */
function MetricTable({ data }: { data: Comparison }) {
  return (
    <Card aria-label="Metrics">
      <CardTitle>Every phase metric</CardTitle>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="compare-table">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-2 py-1 text-left">phase</th>
              <th className="px-2 py-1 text-left">metric</th>
              {data.runs.map((r, i) => (
                <th key={r.id} className="px-2 py-1 text-left">
                  run {i + 1}
                </th>
              ))}
              {data.runs.slice(1).map((r, i) => (
                <th key={r.id} className="px-2 py-1 text-left">
                  run {i + 2} vs 1
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.metrics.map((m) => (
              <tr
                key={`${m.phase}.${m.metric}`}
                className="border-t border-slate-100 dark:border-slate-800"
                data-testid="compare-row"
                data-metric={`${m.phase}.${m.metric}`}
              >
                <td className="px-2 py-1">{m.phase}</td>
                <td className="px-2 py-1 font-mono text-xs">{m.metric}</td>
                {m.values.map((v, i) => (
                  <td key={i} className="px-2 py-1 tabular-nums">
                    {fmtNumber(v, 3)}
                  </td>
                ))}
                {m.verdicts.map((v, i) => (
                  <td key={i} className="px-2 py-1">
                    <VerdictCell v={v} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** Two or more runs: overlaid time-to-N curves, every metric side by side with verdicts, and the settings that differ. */
export function RunCompare({ ids }: { ids: string }) {
  const { data, error } = useQuery(compareQuery(ids));
  if (error) return <p className="text-rose-600">{error.message}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading…</p>;
  const phases = [...new Set(data.curves.map((c) => c.phase))];
  const runIndex = new Map(data.runs.map((r, i) => [r.id, i]));
  const lines = data.curves.map((c) => ({
    key: `${c.id}${c.phase}`,
    label: `${c.phase} · run ${runIndex.get(c.id)! + 1}`,
    curve: c.curve,
    ...lineStyle(phases.indexOf(c.phase), runIndex.get(c.id)),
  }));
  return (
    <div className="flex flex-col gap-4" data-testid="run-compare">
      <Card aria-label="Runs compared">
        <CardTitle>Runs</CardTitle>
        <ol className="flex flex-col gap-1 text-sm">
          {data.runs.map((r, i) => (
            <li key={r.id}>
              run {i + 1}
              {i === 0 ? ' (baseline)' : ''}:{' '}
              <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/runs/${r.id}`}>
                {r.name}
              </Link>{' '}
              <span className="font-mono text-xs">{r.id}</span> <StatusBadge status={r.status} />
              <span className="ml-2 text-xs text-slate-500">
                {r.settings.twin === 'unknown'
                  ? 'limits unknown'
                  : `concurrency ${r.settings.twin.limits.concurrency || '∞'}, ${r.settings.twin.limits.qps || '∞'} QPS`}
              </span>
              {r.bottleneck.available && (
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-300" data-testid="compare-bottleneck">
                  at the QPS limit: {r.bottleneck.phases.map((p) => `${p.phase} ${fmtShare(p.atQpsLimitShare)}`).join(', ')}
                  {r.bottleneck.phases.some((p) => p.limiterShare !== null) &&
                    `; waiting for the limiter: ${r.bottleneck.phases.map((p) => `${p.phase} ${fmtShare(p.limiterShare)}`).join(', ')}`}
                </span>
              )}
            </li>
          ))}
        </ol>
      </Card>
      <Card aria-label="Curves">
        <CardTitle>Hosts at the target over time (dashes: later runs)</CardTitle>
        <TimeToNChart lines={lines} testId="chart-compare" />
      </Card>
      <MetricTable data={data} />
      <Card aria-label="Settings that differ">
        <CardTitle>Settings that differ</CardTitle>
        {data.settings.length === 0 ? (
          <p className="text-sm text-slate-500">None: the runs ran under the same settings.</p>
        ) : (
          <table className="text-sm" data-testid="settings-diff">
            <tbody>
              {data.settings.map((s) => (
                <tr key={s.key} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="px-2 py-1 font-mono text-xs">{s.key}</td>
                  {s.values.map((v, i) => (
                    <td key={i} className="px-2 py-1">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
