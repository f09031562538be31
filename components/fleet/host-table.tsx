'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { hostKey, type HostView } from '@/lib/bmh/host-view';
import { isFiltered, selectHosts, type HostFilter, type SortKey } from '@/lib/client/filters';
import { humanDuration } from '@/lib/bmh/human-duration';
import { cn } from '../ui/cn';
import { useNow } from './connection-status';
import { HostFilters } from './host-filters';
import { SelectionActions } from './selection-actions';
import { stateColor } from './state-style';
import { useFleet, useHostFilter } from './use-fleet';

const ROW_HEIGHT = 32;
const COLUMNS: { key: SortKey | 'select'; label: string; width: string; title?: string }[] = [
  { key: 'select', label: '', width: '2rem' },
  { key: 'name', label: 'Name', width: 'minmax(9rem,1.4fr)' },
  { key: 'namespace', label: 'Namespace', width: 'minmax(6rem,0.8fr)' },
  { key: 'operationalStatus', label: 'Status', width: '5.5rem', title: 'status.operationalStatus' },
  { key: 'state', label: 'State', width: 'minmax(9rem,1.1fr)' },
  { key: 'consumer', label: 'Consumer', width: 'minmax(5rem,0.7fr)' },
  { key: 'bmcAddress', label: 'BMC', width: 'minmax(9rem,1.1fr)' },
  { key: 'online', label: 'Online', width: '4rem', title: 'spec.online' },
  { key: 'poweredOn', label: 'Power', width: '4rem', title: 'status.poweredOn' },
  { key: 'errorType', label: 'Error', width: 'minmax(7rem,1fr)' },
  { key: 'bootMACAddress', label: 'Boot MAC', width: '9.5rem' },
  { key: 'created', label: 'Age', width: '4.5rem' },
  { key: 'lastTransition', label: 'In state', width: '5rem', title: 'Time since the host entered its state' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');

/** Recomputes at most every `ms` while `version` keeps changing, so a storm does not re-sort 10k rows per frame. */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + ms - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}

function Row({ host, selected, onSelect, now, style }: { host: HostView; selected: boolean; onSelect: (on: boolean) => void; now: number; style: React.CSSProperties }) {
  return (
    <div
      role="row"
      data-testid="host-row"
      data-host={hostKey(host)}
      data-state={host.state}
      aria-selected={selected}
      className={cn('absolute left-0 grid w-full items-center border-b border-slate-100 px-2 text-xs dark:border-slate-800', selected ? 'bg-sky-50 dark:bg-sky-950/50' : 'hover:bg-slate-50 dark:hover:bg-slate-800/60')}
      style={{ ...style, gridTemplateColumns: GRID, height: ROW_HEIGHT }}
    >
      <span role="gridcell">
        <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={`Select ${host.name}`} />
      </span>
      <span role="gridcell" className="truncate font-medium">
        <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/hosts/${encodeURIComponent(host.namespace)}/${encodeURIComponent(host.name)}`}>
          {host.name}
        </Link>
        {host.deleting && <span className="ml-1 text-rose-600" title="being deleted">⌫</span>}
      </span>
      <span role="gridcell" className="truncate text-slate-500 dark:text-slate-400">{host.namespace}</span>
      <span role="gridcell" className={cn('truncate', host.operationalStatus === 'error' && 'font-semibold text-rose-600')}>{host.operationalStatus || '—'}</span>
      <span role="gridcell" className="flex items-center gap-1.5 truncate">
        <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: stateColor(host.state) }} aria-hidden />
        {host.state}
      </span>
      <span role="gridcell" className="truncate">{host.consumer}</span>
      <span role="gridcell" className="truncate font-mono text-[11px]">{host.bmcAddress}</span>
      <span role="gridcell">{host.online ? 'true' : 'false'}</span>
      <span role="gridcell" className={host.poweredOn ? 'text-emerald-600' : 'text-slate-400'}>{host.poweredOn ? 'on' : 'off'}</span>
      <span role="gridcell" className="truncate text-rose-600" title={host.errorMessage}>{host.errorType}</span>
      <span role="gridcell" className="truncate font-mono text-[11px]">{host.bootMACAddress}</span>
      <span role="gridcell" className="tabular-nums">{humanDuration(now - host.created)}</span>
      <span role="gridcell" className="tabular-nums">{humanDuration(now - host.lastTransition)}</span>
    </div>
  );
}

function SortHeader({ column, filter, onSort }: { column: (typeof COLUMNS)[number]; filter: HostFilter; onSort: (key: SortKey) => void }) {
  if (column.key === 'select') return <span role="columnheader" />;
  const active = filter.sort === column.key;
  return (
    <span role="columnheader" aria-sort={active ? (filter.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" title={column.title} className="flex items-center gap-1 font-semibold hover:text-sky-700 dark:hover:text-sky-400" onClick={() => onSort(column.key as SortKey)}>
        {column.label}
        <span aria-hidden className="text-[10px]">{active ? (filter.dir === 'asc' ? '▲' : '▼') : ''}</span>
      </button>
    </span>
  );
}

/** Every host, live: virtualized (only visible rows exist), sortable, filterable, selectable. */
export function HostTable() {
  const fleet = useFleet();
  const [filter, setFilter] = useHostFilter();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const version = useThrottled(fleet?.version ?? 0, 100);
  const now = useNow();
  const rows = useMemo(() => (fleet ? selectHosts(fleet.index.values(), filter) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable; `version` says when it changed
    [fleet?.index, version, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- react-virtual returns functions by design
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const onSort = (key: SortKey) => setFilter({ sort: key, dir: filter.sort === key && filter.dir === 'asc' ? 'desc' : 'asc' });
  const select = (key: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  // Per shown row, not per render: the table re-renders on every batch the stream applies.
  const selectedHosts = useMemo(() => (selected.size === 0 ? [] : rows.filter((h) => selected.has(hostKey(h)))), [rows, selected]);
  const allShownSelected = rows.length > 0 && selectedHosts.length === rows.length;

  return (
    <div className="flex flex-col gap-2">
      <HostFilters filter={filter} setFilter={setFilter} rows={rows} />
      <SelectionActions selected={selectedHosts} filtered={isFiltered(filter) ? rows : undefined} onDone={() => setSelected(new Set())} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" role="grid" aria-rowcount={rows.length} aria-label="Hosts">
        <div className="min-w-[72rem]">
          <div role="row" className="grid items-center border-b border-slate-200 bg-slate-100 px-2 py-1.5 text-xs dark:border-slate-700 dark:bg-slate-800" style={{ gridTemplateColumns: GRID }}>
            <span role="columnheader">
              <input
                type="checkbox"
                aria-label="Select all shown hosts"
                checked={allShownSelected}
                onChange={(e) => setSelected(e.target.checked ? new Set(rows.map(hostKey)) : new Set())}
              />
            </span>
            {COLUMNS.slice(1).map((column) => (
              <SortHeader key={column.key} column={column} filter={filter} onSort={onSort} />
            ))}
          </div>
          <div ref={scrollRef} className="relative h-[32rem] overflow-y-auto" data-testid="host-table-body">
            {!fleet && <p className="p-4 text-sm text-slate-500">Loading the fleet…</p>}
            {fleet && rows.length === 0 && (
              <p className="p-4 text-sm text-slate-500" data-testid="host-table-empty">
                {fleet.counts.total === 0 ? 'No BareMetalHosts yet. Create some above, or kubectl apply your own.' : 'No host matches these filters.'}
              </p>
            )}
            <div style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const host = rows[item.index]!;
                const key = hostKey(host);
                return <Row key={key} host={host} selected={selected.has(key)} onSelect={(on) => select(key, on)} now={now} style={{ transform: `translateY(${item.start}px)` }} />;
              })}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
