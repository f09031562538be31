'use client';
import { useQuery } from '@tanstack/react-query';
import { startTransition, useEffect, useRef, useState } from 'react';
import { phaseStats, type PhaseStats } from '@/lib/bmh/phase-stats';
import type { FleetIndex } from '@/lib/bmh/fleet-index';
import { download, seriesCsv } from '@/lib/client/export';
import { seriesQuery } from '@/lib/client/queries';
import type { SeriesPoint } from '@/lib/api/contract';
import { Button } from '../ui/button';
import { useFleetIndex } from '../fleet/use-fleet';
import { PhaseChart } from './phase-chart';
import { chartRows, type ChartRow } from './series-data';
import { StateAreaChart } from './state-area-chart';
import { TransitionsChart } from './transitions-chart';

const WINDOWS = [
  { label: '5 min', ms: 5 * 60_000 },
  { label: '15 min', ms: 15 * 60_000 },
  { label: '30 min', ms: 30 * 60_000 },
  { label: '1 h', ms: 60 * 60_000 },
];

const REDRAW_MS = 2000;

/**
 * Recomputes a chart's data every two seconds, whatever the stream does, as a transition:
 * drawing is the page's costliest work, so each chart redraws on its own beat (offset from the
 * others, so no single task draws them all) and React may pause it for anything more urgent.
 */
function useRedraw<S, T>(source: S, compute: (source: S, now: number) => T, initial: T, offsetMs: number, deps: unknown[]): T {
  const latest = useRef(source);
  useEffect(() => {
    latest.current = source;
  }, [source]);
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const draw = () => startTransition(() => setValue(compute(latest.current, Date.now())));
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = setTimeout(() => {
      draw();
      timer = setInterval(draw, REDRAW_MS);
    }, offsetMs);
    return () => {
      clearTimeout(start);
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what restarts the beat
  }, deps);
  return value;
}

const EMPTY_ROWS: { rows: ChartRow[]; states: string[] } = { rows: [], states: [] };

function StatesOverTime({ points, windowMs }: { points: SeriesPoint[]; windowMs: number }) {
  const { rows, states } = useRedraw(points, (p, now) => chartRows(p, windowMs, now), EMPTY_ROWS, 0, [windowMs]);
  if (rows.length < 2) return <p className="text-sm text-slate-500">Collecting counts… the chart fills in as seconds pass.</p>;
  return <StateAreaChart rows={rows} states={states} />;
}

function TransitionsOverTime({ points, windowMs }: { points: SeriesPoint[]; windowMs: number }) {
  const { rows } = useRedraw(points, (p, now) => chartRows(p, windowMs, now), EMPTY_ROWS, 700, [windowMs]);
  if (rows.length < 2) return <p className="text-sm text-slate-500">Collecting counts…</p>;
  return <TransitionsChart rows={rows} />;
}

function PhaseDurations({ index }: { index: FleetIndex | null }) {
  const stats = useRedraw<FleetIndex | null, PhaseStats[]>(index, (i) => phaseStats(i ? i.values() : []), phaseStats([]), 1400, []);
  return <PhaseChart stats={stats} />;
}

/** The numbers people compare, as charts: states over time, transitions per second, phase durations. */
export function FleetCharts() {
  const series = useQuery(seriesQuery).data;
  const points = series ?? [];
  const index = useFleetIndex();
  const [windowMs, setWindowMs] = useState(15 * 60_000);
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
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
        <Button
          size="sm"
          onClick={() => download(`fleetscope-counts-${stamp()}.csv`, seriesCsv(points), 'text/csv')}
          disabled={points.length === 0}
          data-testid="export-series-csv"
        >
          Counts CSV
        </Button>
        <Button
          size="sm"
          onClick={() => download(`fleetscope-counts-${stamp()}.json`, JSON.stringify(points), 'application/json')}
          disabled={points.length === 0}
          data-testid="export-series-json"
        >
          Counts JSON
        </Button>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Hosts per state</h3>
          <StatesOverTime points={points} windowMs={windowMs} />
        </div>
        <div>
          <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Transitions per second</h3>
          <TransitionsOverTime points={points} windowMs={windowMs} />
        </div>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold text-slate-600 dark:text-slate-300">Phase durations</h3>
        <PhaseDurations index={index} />
      </div>
    </div>
  );
}
