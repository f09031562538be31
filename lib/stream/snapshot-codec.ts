/**
 * The `snapshot` event's wire format, version 2: the fleet as rows of values in a fixed field
 * order instead of an object per host. At 100,000 hosts the object form was ~51 MB of JSON
 * (every key repeated per host, 13-digit times) that the server encoded and the page parsed on
 * its main thread; rows are ~3× smaller and parse faster (arrays, not keyed objects).
 *
 * - Strings that repeat across the fleet (namespace, state, operational status, error type,
 *   image) are indexes into `strings`.
 * - Times are milliseconds after `t0` (exact: integers stay integers; a fleet with a non-integer
 *   time gets `t0` 0).
 * - Booleans are 1/0; `deleting` is 1 when set.
 *
 * `decodeSnapshot` gives back exactly the HostsResponse that was encoded (same fields, same key
 * order, `deleting` only when set): every reader gets it through `decodeMessage` (protocol.ts),
 * so the one fold (fold.ts) is unchanged. `GET /api/hosts` stays the plain object form.
 */
import type { HostsResponse } from '../api/contract';
import type { FleetCounts } from '../bmh/counts';
import { OPERATIONS } from '../bmh/types';
import { HOST_VIEW_SCALARS, type HostView, type OperationTimes } from '../bmh/host-view';

export const SNAPSHOT_VERSION = 2;

/** Row layout: each row lists these fields in this order (the history as 8 numbers, start/end per operation). */
export const SNAPSHOT_FIELDS: readonly ((typeof HOST_VIEW_SCALARS)[number] | 'operationHistory')[] = [
  ...HOST_VIEW_SCALARS.filter((f) => f !== 'deleting'),
  'operationHistory',
  'deleting',
];

type Time = number | null;
export type SnapshotRow = [
  namespace: number,
  name: string,
  uid: string,
  state: number,
  operationalStatus: number,
  errorType: number,
  errorMessage: string,
  errorCount: number,
  online: 0 | 1,
  poweredOn: 0 | 1,
  consumer: string,
  image: number,
  bmcAddress: string,
  bootMACAddress: string,
  created: number,
  lastTransition: number,
  history: Time[],
  deleting: 0 | 1,
];

export interface SnapshotWire {
  v: typeof SNAPSHOT_VERSION;
  seq: number;
  counts: FleetCounts;
  fields: typeof SNAPSHOT_FIELDS;
  t0: number;
  strings: string[];
  rows: SnapshotRow[];
}

function timeBase(hosts: readonly HostView[]): number {
  let t0 = Infinity;
  for (const h of hosts) {
    for (const t of [h.created, h.lastTransition]) {
      if (!Number.isSafeInteger(t)) return 0;
      if (t < t0) t0 = t;
    }
    for (const op of OPERATIONS) for (const t of h.operationHistory[op]) if (t !== null && !Number.isSafeInteger(t)) return 0;
  }
  return t0 === Infinity ? 0 : t0;
}

export function encodeSnapshot(snapshot: HostsResponse): string {
  const t0 = timeBase(snapshot.hosts);
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const rows = snapshot.hosts.map((h): SnapshotRow => {
    const history: Time[] = [];
    for (const op of OPERATIONS) for (const t of h.operationHistory[op]) history.push(t === null ? null : t - t0);
    return [
      id(h.namespace),
      h.name,
      h.uid,
      id(h.state),
      id(h.operationalStatus),
      id(h.errorType),
      h.errorMessage,
      h.errorCount,
      h.online ? 1 : 0,
      h.poweredOn ? 1 : 0,
      h.consumer,
      id(h.image),
      h.bmcAddress,
      h.bootMACAddress,
      h.created - t0,
      h.lastTransition - t0,
      history,
      h.deleting ? 1 : 0,
    ];
  });
  const wire: SnapshotWire = { v: SNAPSHOT_VERSION, seq: snapshot.seq, counts: snapshot.counts, fields: SNAPSHOT_FIELDS, t0, strings, rows };
  return JSON.stringify(wire);
}

function decodeRow(r: SnapshotRow, s: string[], t0: number): HostView {
  const h = r[16];
  const at = (i: number) => (h[i] === null || h[i] === undefined ? null : h[i]! + t0);
  const operationHistory = {} as OperationTimes;
  OPERATIONS.forEach((op, i) => (operationHistory[op] = [at(2 * i), at(2 * i + 1)]));
  const view: HostView = {
    namespace: s[r[0]]!,
    name: r[1],
    uid: r[2],
    state: s[r[3]]!,
    operationalStatus: s[r[4]]!,
    errorType: s[r[5]]!,
    errorMessage: r[6],
    errorCount: r[7],
    online: r[8] === 1,
    poweredOn: r[9] === 1,
    consumer: r[10],
    image: s[r[11]]!,
    bmcAddress: r[12],
    bootMACAddress: r[13],
    created: r[14] + t0,
    lastTransition: r[15] + t0,
    operationHistory,
  };
  if (r[17] === 1) view.deleting = true;
  return view;
}

/** A parsed snapshot payload as the HostsResponse it encodes (version 1, the object form, passes through). */
export function decodeSnapshot(payload: SnapshotWire | HostsResponse): HostsResponse {
  if (!('v' in payload)) return payload;
  if (payload.v !== SNAPSHOT_VERSION) throw new Error(`unknown snapshot version ${String(payload.v)}`);
  const { strings, t0 } = payload;
  return { seq: payload.seq, hosts: payload.rows.map((r) => decodeRow(r, strings, t0)), counts: payload.counts };
}
