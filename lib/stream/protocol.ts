/**
 * The live stream (`GET /api/stream`), written once: the event names and what each message
 * carries. The server's hub (lib/fleet/hub.ts) writes these, the browser's hook, the bench and
 * the tests read them through the one fold (fold.ts). Every message has an `id:` (a sequence
 * number), so a client resumes with `Last-Event-ID`.
 *
 * To add an event: name it in STREAM_EVENTS, give its payload in StreamPayloads, fold it in fold.ts.
 */
import type { FleetChanges } from '../bmh/fleet-index';
import type { FleetCounts } from '../bmh/counts';
import type { ClusterInfo, HostsResponse, JobView, SeriesPoint } from '../api/contract';
import type { RunView } from '../runs/view';
import { decodeSnapshot, type SnapshotWire } from './snapshot-codec';

export const STREAM_EVENTS = ['snapshot', 'delta', 'job', 'cluster', 'series', 'run'] as const;
export type StreamEventName = (typeof STREAM_EVENTS)[number];

/**
 * The whole fleet (first message, and after a gap the replay ring no longer covers). On the wire
 * it is rows (snapshot-codec.ts, version 2); `decodeMessage` gives it back as this.
 */
export type SnapshotPayload = HostsResponse;

/** Hosts changed since the previous message: new ones whole, known ones as patches, deletes. */
export interface DeltaPayload extends FleetChanges {
  seq: number;
  /** The fleet's counts after this delta (a receiver folding deltas computes the same). */
  counts?: FleetCounts;
}

export interface StreamPayloads {
  snapshot: SnapshotPayload;
  delta: DeltaPayload;
  job: JobView;
  cluster: ClusterInfo;
  series: SeriesPoint;
  /** A scale-test run's progress (lib/runs), at most once a second while it runs, and when it ends. */
  run: RunView;
}

export type StreamMessage = { [E in StreamEventName]: { event: E; data: StreamPayloads[E] } }[StreamEventName];

export function isStreamEvent(name: string | undefined): name is StreamEventName {
  return (STREAM_EVENTS as readonly (string | undefined)[]).includes(name);
}

/** A received event (name and JSON text) as a typed message; undefined for events this client does not know. */
export function decodeMessage(event: string | undefined, data: string | undefined): StreamMessage | undefined {
  if (!isStreamEvent(event) || data === undefined) return undefined;
  if (event === 'snapshot') return { event, data: decodeSnapshot(JSON.parse(data) as SnapshotWire) };
  return { event, data: JSON.parse(data) } as StreamMessage;
}
