'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { hostKey, type HostView } from '@/lib/bmh/host-view';
import { isFiltered, selectHosts, type HostFilter, type SortKey } from '@/lib/client/filters';
import { fitColumns, gridTemplate, type Column } from '@/lib/client/table-columns';
import { useNow } from './connection-status';
import { HostFilters } from './host-filters';
import { HostRow } from './host-row';
import { SelectionActions } from './selection-actions';
import { useHostFilter } from './use-fleet';
import { keys, type FleetData } from '@/lib/client/queries';

const ROW_HEIGHT = 32;
/** The table's rows (filtered, sorted), and how long that took. */
class RowSorter {
  /** Milliseconds the last sort took. */
  cost = 0;

  select(fleet: FleetData | null, filter: HostFilter): HostView[] {
    const started = performance.now();
    const rows = fleet ? selectHosts(fleet.index.values(), filter) : [];
    this.cost = performance.now() - started;
    return rows;
  }
}

/**
 * The fleet as the table shows it: taken from the cache at most every `ms` while the stream keeps
 * publishing, and never more than a fifth of the time (the sorter's last cost), so that 100,000
 * rows leave the main thread free between two sorts. The table re-renders on these takes only,
 * not on every frame the stream publishes (the tiles do that).
 */
function useThrottledFleet(ms: number, sorter: RowSorter): FleetData | null {
  const qc = useQueryClient();
  const [fleet, setFleet] = useState(() => qc.getQueryData<FleetData | null>(keys.fleet) ?? null);
  useEffect(() => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const take = () => {
      timer = undefined;
      last = Date.now();
      setFleet(qc.getQueryData<FleetData | null>(keys.fleet) ?? null);
    };
    const unsubscribe = qc.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.query.queryKey[0] !== keys.fleet[0] || timer) return;
      timer = setTimeout(take, Math.max(0, last + Math.max(ms, 4 * sorter.cost) - Date.now()));
    });
    take();
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [qc, ms, sorter]);
  return fleet;
}

/** The rows (filtered, sorted) of the throttled fleet. */
function useRows(filter: HostFilter): { fleet: FleetData | null; rows: HostView[]; total: number } {
  const [sorter] = useState(() => new RowSorter());
  const fleet = useThrottledFleet(100, sorter);
  // The total is read with the rows, at the same (throttled) take: read live, it ran ahead of
  // the rows during a delete ("18 of 17 hosts").
  return useMemo(() => ({ fleet, rows: sorter.select(fleet, filter), total: fleet?.index.size ?? 0 }), [fleet, filter, sorter]);
}

/** The table's width in rem, followed as the window changes. */
function useWidthRem(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(90);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const observer = new ResizeObserver(([entry]) => setWidth((entry?.contentRect.width ?? element.clientWidth) / rem));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function SortHeader({ column, filter, onSort }: { column: Column; filter: HostFilter; onSort: (key: SortKey) => void }) {
  if (column.key === 'select') return <span role="columnheader" />;
  const active = filter.sort === column.key;
  return (
    <span role="columnheader" aria-sort={active ? (filter.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className="min-w-0">
      <button
        type="button"
        title={column.title}
        className="flex max-w-full items-center gap-1 truncate font-semibold hover:text-sky-800 dark:hover:text-sky-300"
        onClick={() => onSort(column.key as SortKey)}
      >
        {column.label}
        <span aria-hidden className="text-[10px]">
          {active ? (filter.dir === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </span>
  );
}

/** The hosts picked with the checkboxes, by key; `selectedHosts` are those among the shown rows. */
function useSelection(rows: HostView[]) {
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
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
  return { selected, setSelected, select, selectedHosts, allShownSelected };
}

/** The column headers: "select all shown" first, then a sort button per column. */
function HeaderRow(props: {
  shown: Column[];
  grid: string;
  filter: HostFilter;
  onSort: (key: SortKey) => void;
  allShownSelected: boolean;
  onSelectAll: (on: boolean) => void;
}) {
  return (
    <div
      role="row"
      className="grid items-center gap-x-2 border-b border-slate-200 bg-slate-100 px-2 py-1.5 text-xs dark:border-slate-700 dark:bg-slate-800"
      style={{ gridTemplateColumns: props.grid }}
    >
      {props.shown.map((column) =>
        column.key === 'select' ? (
          <span role="columnheader" key="select">
            <input type="checkbox" aria-label="Select all shown hosts" checked={props.allShownSelected} onChange={(e) => props.onSelectAll(e.target.checked)} />
          </span>
        ) : (
          <SortHeader key={column.key} column={column} filter={props.filter} onSort={props.onSort} />
        ),
      )}
    </div>
  );
}

/** What the body says when it has no row: the fleet is loading, has no host, or none matches. */
function BodyMessage({ loading, empty, fleetEmpty }: { loading: boolean; empty: boolean; fleetEmpty: boolean }) {
  if (loading) return <p className="p-4 text-sm text-slate-600">Loading the fleet…</p>;
  if (!empty) return null;
  return (
    <p className="p-4 text-sm text-slate-600 dark:text-slate-300" data-testid="host-table-empty">
      {fleetEmpty ? 'No BareMetalHosts yet. Create some (Scale the fleet), or kubectl apply your own.' : 'No host matches these filters.'}
    </p>
  );
}

/** Every host, live: virtualized (only visible rows exist), sortable, filterable, selectable. */
export function HostTable() {
  const [filter, setFilter] = useHostFilter();
  const now = useNow();
  const { fleet, rows, total } = useRows(filter);
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const widthRem = useWidthRem(gridRef);
  const { shown, hidden } = useMemo(() => fitColumns(widthRem - 1), [widthRem]);
  const grid = gridTemplate(shown);
  const errorInState = !shown.some((c) => c.key === 'errorType');
  // eslint-disable-next-line react-hooks/incompatible-library -- react-virtual returns functions by design
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const onSort = (key: SortKey) => setFilter({ sort: key, dir: filter.sort === key && filter.dir === 'asc' ? 'desc' : 'asc' });
  const { selected, setSelected, select, selectedHosts, allShownSelected } = useSelection(rows);

  return (
    <div className="flex flex-col gap-2">
      <HostFilters filter={filter} setFilter={setFilter} rows={rows} total={total} />
      <SelectionActions selected={selectedHosts} filtered={isFiltered(filter) ? rows : undefined} onDone={() => setSelected(new Set())} />
      <div
        ref={gridRef}
        className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        role="grid"
        aria-rowcount={rows.length}
        aria-label="Hosts"
      >
        <div>
          <HeaderRow
            shown={shown}
            grid={grid}
            filter={filter}
            onSort={onSort}
            allShownSelected={allShownSelected}
            onSelectAll={(on) => setSelected(on ? new Set(rows.map(hostKey)) : new Set())}
          />
          <div ref={scrollRef} className="relative h-[min(32rem,60vh)] min-h-[16rem] overflow-y-auto" data-testid="host-table-body">
            <BodyMessage loading={!fleet} empty={rows.length === 0} fleetEmpty={fleet?.counts.total === 0} />
            <div style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const host = rows[item.index]!;
                const key = hostKey(host);
                return (
                  <HostRow
                    key={key}
                    host={host}
                    columns={shown}
                    grid={grid}
                    errorInState={errorInState}
                    height={ROW_HEIGHT}
                    selected={selected.has(key)}
                    onSelect={(on) => select(key, on)}
                    now={now}
                    style={{ transform: `translateY(${item.start}px)` }}
                  />
                );
              })}
            </div>
          </div>
        </div>
      </div>
      {hidden.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="hidden-columns">
          Not shown at this width: {hidden.map((c) => c.label).join(', ')} (a host&apos;s page has them all).
        </p>
      )}
    </div>
  );
}
