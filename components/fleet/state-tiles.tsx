'use client';
import { PRIMARY_STATES, stateOrder, stateSlug } from '@/lib/bmh/states';
import { cn } from '../ui/cn';
import { stateColor } from './state-style';
import { useFleet, useHostFilter } from './use-fleet';

function Tile({ label, value, testId, color, active, onClick, title }: { label: string; value: number | undefined; testId: string; color?: string; active?: boolean; onClick?: () => void; title?: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      title={title}
      aria-pressed={active}
      className={cn(
        'flex min-w-[7.5rem] flex-col items-start rounded-lg border bg-white px-3 py-2 text-left shadow-sm transition hover:border-slate-400 dark:bg-slate-900 dark:hover:border-slate-500',
        active ? 'border-sky-500 ring-2 ring-sky-500/40' : 'border-slate-200 dark:border-slate-800',
      )}
    >
      <span className="flex items-center gap-1.5 text-xs font-medium text-slate-500 dark:text-slate-400">
        {color && <span className="inline-block size-2.5 rounded-full" style={{ background: color }} aria-hidden />}
        {label}
      </span>
      <span data-testid={testId} className="text-2xl font-semibold tabular-nums">
        {value === undefined ? '–' : value}
      </span>
    </button>
  );
}

/** Host counts per state in lifecycle order, plus the badges; a click filters the table. */
export function StateTiles() {
  const fleet = useFleet();
  const [filter, setFilter] = useHostFilter();
  const counts = fleet?.counts;
  const states = [...new Set([...PRIMARY_STATES, ...Object.keys(counts?.byState ?? {})])].sort((a, b) => stateOrder(a) - stateOrder(b));
  const toggle = (patch: Parameters<typeof setFilter>[0], active: boolean) =>
    setFilter(active ? Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])) : { state: undefined, operationalStatus: undefined, power: undefined, ...patch });
  return (
    <div className="flex flex-wrap gap-2" aria-label="Hosts by state">
      <Tile label="All hosts" value={counts?.total} testId="count-total" active={!filter.state && !filter.operationalStatus && !filter.power} onClick={() => setFilter({ state: undefined, operationalStatus: undefined, power: undefined })} />
      {states.map((state) => (
        <Tile
          key={state}
          label={state}
          value={counts ? (counts.byState[state] ?? 0) : undefined}
          testId={`count-${stateSlug(state)}`}
          color={stateColor(state)}
          active={filter.state === state}
          onClick={() => toggle({ state }, filter.state === state)}
          title={`Show ${state} hosts`}
        />
      ))}
      <div className="mx-1 w-px self-stretch bg-slate-200 dark:bg-slate-800" aria-hidden />
      <Tile label="error" value={counts?.error} testId="count-error" color="#dc2626" active={filter.operationalStatus === 'error'} onClick={() => toggle({ operationalStatus: 'error' }, filter.operationalStatus === 'error')} />
      <Tile label="powered off" value={counts?.poweredOff} testId="count-powered-off" color="#475569" active={filter.power === 'off'} onClick={() => toggle({ power: 'off' }, filter.power === 'off')} />
      <Tile label="detached" value={counts?.detached} testId="count-detached" color="#a16207" active={filter.operationalStatus === 'detached'} onClick={() => toggle({ operationalStatus: 'detached' }, filter.operationalStatus === 'detached')} />
      <Tile label="delayed" value={counts?.delayed} testId="count-delayed" color="#ca8a04" active={filter.operationalStatus === 'delayed'} onClick={() => toggle({ operationalStatus: 'delayed' }, filter.operationalStatus === 'delayed')} />
    </div>
  );
}
