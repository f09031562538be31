/**
 * The host table's columns and which of them fit a given width: each has a minimum width and a
 * priority, the most needed ones are kept and the rest are listed as hidden (a host's page shows
 * everything). Pure, so the choice is tested without a browser.
 */
import type { SortKey } from './filters';

export interface Column {
  key: SortKey | 'select';
  label: string;
  /** Minimum width in rem, and its share of the room left over. */
  min: number;
  grow: number;
  /** Lower is kept first. */
  priority: number;
  title?: string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'select', label: '', min: 2, grow: 0, priority: 0 },
  { key: 'name', label: 'Name', min: 7.5, grow: 1.4, priority: 0 },
  { key: 'namespace', label: 'Namespace', min: 5.5, grow: 0.6, priority: 7 },
  { key: 'operationalStatus', label: 'Status', min: 4.5, grow: 0, priority: 5, title: 'status.operationalStatus' },
  { key: 'state', label: 'State', min: 7.5, grow: 1, priority: 1 },
  { key: 'consumer', label: 'Consumer', min: 5, grow: 0.6, priority: 9 },
  { key: 'bmcAddress', label: 'BMC', min: 8.5, grow: 1.2, priority: 4 },
  { key: 'online', label: 'Online', min: 3.5, grow: 0, priority: 11, title: 'spec.online' },
  { key: 'poweredOn', label: 'Power', min: 3.5, grow: 0, priority: 6, title: 'status.poweredOn' },
  { key: 'errorType', label: 'Error', min: 7, grow: 1, priority: 3 },
  { key: 'bootMACAddress', label: 'Boot MAC', min: 8.5, grow: 0, priority: 12 },
  { key: 'created', label: 'Age', min: 3.5, grow: 0, priority: 10 },
  { key: 'lastTransition', label: 'In state', min: 4, grow: 0, priority: 8, title: 'Time since the host entered its state' },
];

/** The columns that fit `widthRem` (at least name and state), in table order, and those left out; `gap` is the room between two. */
export function fitColumns(widthRem: number, gap = 0.5): { shown: Column[]; hidden: Column[] } {
  const byNeed = [...COLUMNS].sort((a, b) => a.priority - b.priority);
  const keep = new Set<Column>();
  let used = 0;
  for (const column of byNeed) {
    if (keep.size >= 3 && used + column.min + gap > widthRem) continue;
    keep.add(column);
    used += column.min + gap;
  }
  return { shown: COLUMNS.filter((c) => keep.has(c)), hidden: COLUMNS.filter((c) => !keep.has(c)) };
}

export function gridTemplate(columns: readonly Column[]): string {
  return columns.map((c) => (c.grow ? `minmax(${c.min}rem,${c.grow}fr)` : `${c.min}rem`)).join(' ');
}

/** "libvirt://192.168.122.1:6233/…/worker-17": the head may shrink, the tail (where hosts differ) stays. */
export function splitForMiddleEllipsis(text: string, tail = 14): [head: string, tail: string] {
  if (text.length <= tail) return ['', text];
  return [text.slice(0, text.length - tail), text.slice(-tail)];
}
