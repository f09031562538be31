'use client';
import { useEffect, useMemo, useState } from 'react';
import type { HostView } from '@/lib/bmh/host-view';
import { ERROR_TYPES, OPERATIONAL_STATUSES, PROVISIONING_STATES, NO_STATE } from '@/lib/bmh/states';
import { download, hostsCsv } from '@/lib/client/export';
import { isFiltered, type HostFilter } from '@/lib/client/filters';
import { Button } from '../ui/button';
import { useFleetIndex } from './use-fleet';
import { useNow } from './connection-status';

const select = 'h-8 rounded-md border border-slate-300 bg-white px-1.5 text-xs dark:border-slate-600 dark:bg-slate-800';

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <label className="flex flex-col gap-0.5 text-[11px] font-medium text-slate-500 dark:text-slate-400">
      {label}
      <select className={select} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Free-text search, written to the URL a moment after typing stops. */
function SearchBox({ value, onChange }: { value: string; onChange: (text: string | undefined) => void }) {
  const [text, setText] = useState(value);
  // Follow the URL when it changes from elsewhere (back button, "Clear filters"), keeping focus.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text || undefined), 250);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="flex flex-col gap-0.5 text-[11px] font-medium text-slate-500 dark:text-slate-400">
      Search
      <input
        className={`${select} w-48`}
        type="search"
        placeholder="name, BMC, MAC, image…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="filter-text"
      />
    </label>
  );
}

/** The namespaces that have hosts, looked up every few seconds rather than at stream speed. */
function useNamespaces(): string[] {
  const index = useFleetIndex();
  const now = useNow(3000);
  return useMemo(() => {
    const set = new Set<string>();
    for (const h of index?.values() ?? []) set.add(h.namespace);
    return [...set].sort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable; `now` paces the lookup
  }, [index, now]);
}

/** Filters kept in the URL, a count of what they match, and exports of exactly those rows. */
export function HostFilters({
  filter,
  setFilter,
  rows,
  total,
}: {
  filter: HostFilter;
  setFilter: (patch: Partial<HostFilter>) => void;
  rows: HostView[];
  total: number;
}) {
  const namespaces = useNamespaces();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <SearchBox value={filter.text ?? ''} onChange={(text) => setFilter({ text })} />
      <Select label="State" value={filter.state} options={[NO_STATE, ...PROVISIONING_STATES]} onChange={(state) => setFilter({ state })} />
      <Select
        label="Status"
        value={filter.operationalStatus}
        options={OPERATIONAL_STATUSES}
        onChange={(operationalStatus) => setFilter({ operationalStatus })}
      />
      <Select label="Error" value={filter.errorType} options={ERROR_TYPES} onChange={(errorType) => setFilter({ errorType })} />
      <Select label="Power" value={filter.power} options={['on', 'off']} onChange={(power) => setFilter({ power: power as HostFilter['power'] })} />
      <Select label="Namespace" value={filter.namespace} options={namespaces} onChange={(namespace) => setFilter({ namespace })} />
      {isFiltered(filter) && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() =>
            setFilter({ state: undefined, operationalStatus: undefined, errorType: undefined, power: undefined, namespace: undefined, text: undefined })
          }
        >
          Clear filters
        </Button>
      )}
      <span className="ml-auto text-xs text-slate-500 tabular-nums dark:text-slate-400" data-testid="row-count">
        {rows.length.toLocaleString('en')} of {total.toLocaleString('en')} hosts
      </span>
      <Button
        size="sm"
        onClick={() => download(`fleetscope-hosts-${stamp()}.csv`, hostsCsv(rows), 'text/csv')}
        data-testid="export-csv"
        disabled={rows.length === 0}
      >
        Export CSV
      </Button>
      <Button
        size="sm"
        onClick={() => download(`fleetscope-hosts-${stamp()}.json`, JSON.stringify(rows, null, 2), 'application/json')}
        data-testid="export-json"
        disabled={rows.length === 0}
      >
        Export JSON
      </Button>
    </div>
  );
}
