'use client';
import { memo } from 'react';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { PhaseStats } from '@/lib/bmh/phase-stats';
import { humanDuration } from '@/lib/bmh/human-duration';

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const bucketLabel = (le: number) => (le === Infinity ? '>1h' : `≤${humanDuration(le * 1000)}`);

/** How long register, inspect, provision and deprovision take: p50, p95 and max, and one phase's histogram. */
export const PhaseChart = memo(function PhaseChart({ stats }: { stats: PhaseStats[] }) {
  const [phase, setPhase] = useState<PhaseStats['phase']>('provision');
  const rows = stats.map((s) => ({ phase: s.phase, p50: seconds(s.p50), p95: seconds(s.p95), max: seconds(s.max), count: s.count }));
  const selected = stats.find((s) => s.phase === phase)!;
  const last = selected.histogram.findLastIndex((b) => b.count > 0);
  const histogram = selected.histogram.slice(0, Math.max(last + 1, 4)).map((b) => ({ bucket: bucketLabel(b.le), hosts: b.count }));
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="chart-phases">
      <div>
        <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">Seconds per completed operation (from operationHistory)</p>
        <div className="h-52">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 208 }}>
            <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="phase" fontSize={11} />
              <YAxis fontSize={11} width={40} />
              <Tooltip
                formatter={(v, name) => [`${v} s`, name]}
                labelFormatter={(p) => `${p} (${rows.find((r) => r.phase === p)?.count ?? 0} done)`}
                contentStyle={{ fontSize: 12 }}
              />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              <Bar dataKey="p50" fill="#38bdf8" isAnimationActive={false} />
              <Bar dataKey="p95" fill="#0284c7" isAnimationActive={false} />
              <Bar dataKey="max" fill="#0c4a6e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
      <div>
        <label className="mb-1 flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          Histogram of
          <select
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={phase}
            onChange={(e) => setPhase(e.target.value as PhaseStats['phase'])}
          >
            {stats.map((s) => (
              <option key={s.phase} value={s.phase}>
                {s.phase} ({s.count})
              </option>
            ))}
          </select>
        </label>
        <div className="h-52">
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 400, height: 208 }}>
            <BarChart data={histogram} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
              <XAxis dataKey="bucket" fontSize={11} />
              <YAxis allowDecimals={false} fontSize={11} width={40} />
              <Tooltip contentStyle={{ fontSize: 12 }} />
              <Bar dataKey="hosts" fill="#8b5cf6" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </div>
    </div>
  );
});
