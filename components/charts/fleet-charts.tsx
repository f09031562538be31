'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { phaseStats } from '@/lib/bmh/phase-stats';
import { download, seriesCsv } from '@/lib/client/export';
import { seriesQuery } from '@/lib/client/queries';
import { Button } from '../ui/button';
import { useNow } from '../fleet/connection-status';
import { useFleet } from '../fleet/use-fleet';
import { PhaseChart } from './phase-chart';
import { chartRows } from './series-data';
import { StateAreaChart } from './state-area-chart';
import { TransitionsChart } from './transitions-chart';

const WINDOWS = [
  { label: '5 min', ms: 5 * 60_000 },
  { label: '15 min', ms: 15 * 60_000 },
  { label: '30 min', ms: 30 * 60_000 },
  { label: '1 h', ms: 60 * 60_000 },
];

/** The numbers people compare, as charts: states over time, transitions per second, phase durations. */
export function FleetCharts() {
  const series = useQuery(seriesQuery).data;
  const points = useMemo(() => series ?? [], [series]);
  const fleet = useFleet();
  const [windowMs, setWindowMs] = useState(15 * 60_000);
  const now = useNow(2000);
  const { rows, states } = useMemo(() => chartRows(points, windowMs, now), [points, windowMs, now]);
  // Phase statistics change slowly; recompute every couple of seconds, not per frame.
  const stats = useMemo(
    () => phaseStats(fleet ? fleet.index.values() : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable; `now` paces the recompute
    [fleet?.index, now],
  );
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-slate-500 dark:text-slate-400">Window</span>
        {WINDOWS.map((w) => (
          <Button key={w.ms} size="sm" variant={w.ms === windowMs ? 'primary' : 'ghost'} onClick={() => setWindowMs(w.ms)} aria-pressed={w.ms === windowMs}>
            {w.label}
          </Button>
        ))}
        <span className="ml-auto" />
        <Button size="sm" onClick={() => download(`fleetscope-counts-${stamp}.csv`, seriesCsv(points), 'text/csv')} disabled={points.length === 0} data-testid="export-series-csv">
          Counts CSV
        </Button>
        <Button size="sm" onClick={() => download(`fleetscope-counts-${stamp}.json`, JSON.stringify(points), 'application/json')} disabled={points.length === 0} data-testid="export-series-json">
          Counts JSON
        </Button>
      </div>
      {rows.length < 2 ? (
        <p className="text-sm text-slate-500">Collecting counts… the charts fill in as seconds pass.</p>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <div>
            <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Hosts per state</h3>
            <StateAreaChart rows={rows} states={states} />
          </div>
          <div>
            <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Transitions per second</h3>
            <TransitionsChart rows={rows} />
          </div>
        </div>
      )}
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Phase durations</h3>
        <PhaseChart stats={stats} />
      </div>
    </div>
  );
}
