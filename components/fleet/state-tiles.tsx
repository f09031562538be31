'use client';
import { PRIMARY_STATES, stateOrder, stateSlug } from '@/lib/bmh/states';
import { cn } from '../ui/cn';
import { stateColor } from './state-style';
import { useFleet, useHostFilter } from './use-fleet';

function Tile({
  label,
  value,
  testId,
  color,
  active,
  onClick,
  title,
  note,
}: {
  label: string;
  value: number | undefined;
  testId: string;
  color?: string;
  active?: boolean;
  onClick?: () => void;
  title?: string;
  note?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      title={title}
      aria-pressed={active}
      disabled={!onClick}
      className={cn(
        'flex h-[4.5rem] min-w-0 flex-col items-start justify-between overflow-hidden rounded-lg border bg-white px-2.5 py-1.5 text-left shadow-sm transition enabled:hover:border-slate-500 dark:bg-slate-900 dark:enabled:hover:border-slate-400',
        active ? 'border-sky-600 ring-2 ring-sky-600/40' : 'border-slate-200 dark:border-slate-800',
      )}
    >
      <span className="flex w-full min-w-0 items-start gap-1.5 text-[11px] leading-tight font-medium text-slate-600 dark:text-slate-300">
        {color && <span className="mt-0.5 inline-block size-2.5 shrink-0 rounded-full" style={{ background: color }} aria-hidden />}
        <span className="line-clamp-2 hyphens-auto">{label}</span>
      </span>
      <span data-testid={testId} className="text-xl font-semibold tabular-nums">
        {value === undefined ? '–' : value}
      </span>
      {note !== undefined && <span className="w-full truncate text-[10px] text-slate-600 dark:text-slate-300">{note || ' '}</span>}
    </button>
  );
}

/** The badge tiles after the states: each filters the table on one field of the host. */
const BADGES: {
  label: string;
  count: 'error' | 'poweredOff' | 'detached' | 'delayed';
  testId: string;
  color: string;
  field: 'operationalStatus' | 'power';
  value: string;
}[] = [
  { label: 'error', count: 'error', testId: 'count-error', color: '#dc2626', field: 'operationalStatus', value: 'error' },
  { label: 'powered off', count: 'poweredOff', testId: 'count-powered-off', color: '#475569', field: 'power', value: 'off' },
  { label: 'detached', count: 'detached', testId: 'count-detached', color: '#a16207', field: 'operationalStatus', value: 'detached' },
  { label: 'delayed', count: 'delayed', testId: 'count-delayed', color: '#ca8a04', field: 'operationalStatus', value: 'delayed' },
];

/**
 * Host counts per state in lifecycle order, plus the badges; a click filters the table. The set
 * of tiles is fixed (the primary states at zero too, the rest summed in "other states"), so tiles
 * do not move when a state appears or empties.
 */
export function StateTiles() {
  const fleet = useFleet();
  const [filter, setFilter] = useHostFilter();
  const counts = fleet?.counts;
  const primary = new Set(PRIMARY_STATES);
  const others = Object.entries(counts?.byState ?? {})
    .filter(([state, n]) => !primary.has(state) && n > 0)
    .sort(([a], [b]) => stateOrder(a) - stateOrder(b));
  const otherTotal = others.reduce((sum, [, n]) => sum + n, 0);
  const otherActive = filter.state !== undefined && !primary.has(filter.state);
  const toggle = (patch: Parameters<typeof setFilter>[0], active: boolean) =>
    setFilter(
      active
        ? Object.fromEntries(Object.keys(patch).map((k) => [k, undefined]))
        : { state: undefined, operationalStatus: undefined, power: undefined, ...patch },
    );
  return (
    <div className="grid grid-cols-[repeat(auto-fill,minmax(7rem,1fr))] gap-2" role="group" aria-label="Hosts by state: a tile filters the table">
      <Tile
        label="All hosts"
        value={counts?.total}
        testId="count-total"
        active={!filter.state && !filter.operationalStatus && !filter.power}
        onClick={() => setFilter({ state: undefined, operationalStatus: undefined, power: undefined })}
      />
      {PRIMARY_STATES.map((state) => (
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
      <Tile
        label="other states"
        value={counts ? otherTotal : undefined}
        testId="count-other"
        note={others.map(([state, n]) => `${state} ${n}`).join(', ')}
        active={otherActive}
        onClick={others.length ? () => toggle({ state: otherActive ? filter.state : others[0]![0] }, otherActive) : undefined}
        title={others.length ? `Show ${others[0]![0]} hosts (${others.map(([state, n]) => `${state}: ${n}`).join(', ')})` : 'No host is in another state'}
      />
      {BADGES.map((badge) => {
        const active = filter[badge.field] === badge.value;
        return (
          <Tile
            key={badge.testId}
            label={badge.label}
            value={counts?.[badge.count]}
            testId={badge.testId}
            color={badge.color}
            active={active}
            onClick={() => toggle({ [badge.field]: badge.value }, active)}
          />
        );
      })}
    </div>
  );
}
