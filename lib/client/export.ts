/** CSV and JSON exports of the host table and the count series. Pure text builders plus one download helper. */
import type { HostView } from '../bmh/host-view';
import type { SeriesPoint } from '../api/contract';

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote when needed; neutralise spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export function hostsCsv(hosts: HostView[]): string {
  return toCsv(
    [
      'namespace',
      'name',
      'status',
      'state',
      'consumer',
      'bmc',
      'online',
      'poweredOn',
      'errorType',
      'errorMessage',
      'errorCount',
      'bootMACAddress',
      'image',
      'created',
      'lastTransition',
      'registerStart',
      'registerEnd',
      'inspectStart',
      'inspectEnd',
      'provisionStart',
      'provisionEnd',
      'deprovisionStart',
      'deprovisionEnd',
    ],
    hosts.map((h) => [
      h.namespace,
      h.name,
      h.operationalStatus,
      h.state,
      h.consumer,
      h.bmcAddress,
      h.online,
      h.poweredOn,
      h.errorType,
      h.errorMessage,
      h.errorCount,
      h.bootMACAddress,
      h.image,
      iso(h.created),
      iso(h.lastTransition),
      ...(['register', 'inspect', 'provision', 'deprovision'] as const).flatMap((op) => h.operationHistory[op].map(iso)),
    ]),
  );
}

export function seriesCsv(points: SeriesPoint[]): string {
  const states = [...new Set(points.flatMap((p) => Object.keys(p.byState)))].sort();
  return toCsv(
    ['time', 'total', 'error', 'transitions', ...states],
    points.map((p) => [iso(p.t), p.total, p.error, p.transitions, ...states.map((s) => p.byState[s] ?? 0)]),
  );
}

export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
