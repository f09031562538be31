'use client';
/**
 * The one EventSource of a tab. It folds `snapshot` and `delta` messages into a FleetIndex
 * (the same reducer the server uses), batched to animation frames, and publishes the result in
 * the React Query cache; `job`, `cluster` and `series` messages go to their own cache entries.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FleetIndex, type FleetChanges } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import type { FleetCounts } from '../bmh/counts';
import type { JobView } from '../fleet/jobs';
import type { ClusterInfo } from '../fleet/runtime';
import type { SeriesPoint } from '../fleet/series';
import { getJson, keys, type ConnectionStatus, type FleetData, type StreamStatus } from './queries';

interface Snapshot {
  seq: number;
  hosts: HostView[];
  counts: FleetCounts;
}

interface Delta extends FleetChanges {
  seq: number;
}

const MAX_SERIES = 3600;
const MAX_JOBS = 20;
/** Background tabs get no animation frames; apply on a timer then, and never let batches pile up. */
const FALLBACK_FLUSH_MS = 250;

declare global {
  interface Window {
    /** Read-only view for tests and scripts: the hosts this tab shows. */
    __fleetscope?: { hosts: () => HostView[]; seq: () => number };
    /**
     * Set by the benchmark before the page loads: the stream hook then records, for every host
     * whose state it shows, when that frame was painted (epoch ms), and when the first
     * snapshot was on screen.
     */
    __fleetscopeBench?: { shown: [key: string, state: string, at: number][]; firstRender?: { hosts: number; at: number } };
  }
}

/** Epoch milliseconds at the next frame, i.e. once what was just applied is painted. */
function afterPaint(record: (at: number) => void): void {
  requestAnimationFrame(() => setTimeout(() => record(performance.timeOrigin + performance.now()), 0));
}

function mergeSeries(a: SeriesPoint[], b: SeriesPoint[]): SeriesPoint[] {
  const byTime = new Map<number, SeriesPoint>();
  for (const p of [...a, ...b]) byTime.set(p.t, p);
  return [...byTime.values()].sort((x, y) => x.t - y.t).slice(-MAX_SERIES);
}

/** Hosts whose state a snapshot changes, and hosts it no longer has (for the benchmark only). */
function snapshotChanges(index: FleetIndex, hosts: HostView[]): [string, string][] {
  const changed: [string, string][] = [];
  const keys = new Set<string>();
  for (const h of hosts) {
    const key = `${h.namespace}/${h.name}`;
    keys.add(key);
    if (index.get(key)?.state !== h.state) changed.push([key, h.state]);
  }
  for (const h of index.list()) {
    const key = `${h.namespace}/${h.name}`;
    if (!keys.has(key)) changed.push([key, 'deleted']);
  }
  return changed;
}

const EVENTS = ['snapshot', 'delta', 'job', 'cluster', 'series'] as const;
type StreamEventName = (typeof EVENTS)[number];

function openStream(seq: number): EventSource {
  performance.mark('fleetscope:stream-open');
  return new EventSource(seq ? `/api/stream?lastEventId=${seq}` : '/api/stream');
}

interface EarlyStream {
  source: EventSource;
  buffered: [StreamEventName, string][];
  detach: () => void;
}

/**
 * The layout's inline script opens the stream while the page's scripts still load (so the first
 * snapshot is on its way during boot) and keeps the messages; the hook adopts it once.
 */
function takeEarlyStream(): EarlyStream | undefined {
  if (typeof window === 'undefined') return undefined;
  const early = (window as unknown as { __fleetscopeEarlyStream?: EarlyStream }).__fleetscopeEarlyStream;
  delete (window as unknown as { __fleetscopeEarlyStream?: EarlyStream }).__fleetscopeEarlyStream;
  return early;
}

export function connectFleetStream(qc: QueryClient): () => void {
  const index = new FleetIndex();
  let seq = 0;
  let version = 0;
  let pending: Delta[] = [];
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  /** `hostEvent`: the message carried host changes, so "last event" moves. */
  const setStatus = (status: ConnectionStatus, hostEvent = false) => {
    const old = qc.getQueryData<StreamStatus>(keys.stream);
    const now = Date.now();
    if (old?.status === status && !hostEvent) return;
    qc.setQueryData<StreamStatus>(keys.stream, {
      status,
      since: old?.status === status ? old.since : now,
      lastMessageAt: hostEvent ? now : old?.lastMessageAt,
    });
  };

  const publish = () => {
    version++;
    const data: FleetData = { index, counts: index.countsSnapshot(), seq, version };
    qc.setQueryData<FleetData | null>(keys.fleet, () => data);
  };

  const flush = () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    frame = 0;
    fallback = undefined;
    if (pending.length === 0) return;
    const bench = window.__fleetscopeBench;
    const changed: [string, string][] = [];
    for (const delta of pending) {
      if (bench) {
        for (const h of [...delta.upserts, ...(delta.patches ?? [])]) {
          if (h.state !== undefined && index.get(`${h.namespace}/${h.name}`)?.state !== h.state) changed.push([`${h.namespace}/${h.name}`, h.state]);
        }
        for (const d of delta.deletes) changed.push([`${d.namespace}/${d.name}`, 'deleted']);
      }
      index.apply(delta);
      seq = delta.seq;
    }
    pending = [];
    publish();
    if (bench && changed.length) afterPaint((at) => bench.shown.push(...changed.map(([key, state]) => [key, state, at] as [string, string, number])));
  };

  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
    fallback ??= setTimeout(flush, FALLBACK_FLUSH_MS);
  };

  const loadSeries = () => {
    getJson<{ points: SeriesPoint[] }>('/api/series')
      .then(({ points }) => qc.setQueryData<SeriesPoint[]>(keys.series, (old) => mergeSeries(old ?? [], points)))
      .catch(() => {});
  };

  const handlers: Record<StreamEventName, (data: string) => void> = {
    snapshot: (data) => {
      performance.mark('fleetscope:snapshot-received');
      const snapshot = JSON.parse(data) as Snapshot;
      performance.mark('fleetscope:snapshot-parsed');
      pending = [];
      const bench = window.__fleetscopeBench;
      // A snapshot after a reconnect can carry changes too; the benchmark counts them as shown.
      const changed = bench?.firstRender ? snapshotChanges(index, snapshot.hosts) : [];
      index.reset(snapshot.hosts);
      seq = snapshot.seq;
      performance.mark('fleetscope:snapshot-indexed');
      publish();
      performance.mark('fleetscope:snapshot-published');
      if (bench && !bench.firstRender) afterPaint((at) => (bench.firstRender ??= { hosts: snapshot.hosts.length, at }));
      if (bench && changed.length) afterPaint((at) => bench.shown.push(...changed.map(([key, state]) => [key, state, at] as [string, string, number])));
      setStatus('live', true);
      loadSeries();
    },
    delta: (data) => {
      pending.push(JSON.parse(data) as Delta);
      schedule();
      setStatus('live', true);
    },
    job: (data) => {
      const job = JSON.parse(data) as JobView;
      qc.setQueryData<JobView[]>(keys.jobs, (old = []) => [job, ...old.filter((j) => j.id !== job.id)].slice(0, MAX_JOBS));
    },
    cluster: (data) => qc.setQueryData<ClusterInfo>(keys.cluster, JSON.parse(data) as ClusterInfo),
    series: (data) => {
      const point = JSON.parse(data) as SeriesPoint;
      qc.setQueryData<SeriesPoint[]>(keys.series, (old = []) => (old.length >= MAX_SERIES ? [...old.slice(1), point] : [...old, point]));
      setStatus('live');
    },
  };

  const connect = () => {
    if (closed) return;
    const adopted = seq === 0 ? takeEarlyStream() : undefined;
    source = adopted?.source ?? openStream(seq);
    for (const name of EVENTS) source.addEventListener(name, (e) => handlers[name]((e as MessageEvent<string>).data));
    if (adopted) {
      adopted.detach();
      for (const [name, data] of adopted.buffered) handlers[name](data);
      if (source.readyState === EventSource.OPEN) setStatus('live');
    }
    source.onopen = () => setStatus('live');
    source.onerror = () => {
      if (!source || source.readyState === EventSource.CLOSED) {
        // The browser gave up (a non-200 answer): reconnect ourselves, resuming from our seq.
        setStatus('disconnected');
        source?.close();
        retry = setTimeout(connect, 2000);
      } else {
        setStatus('reconnecting');
      }
    };
  };

  window.__fleetscope = { hosts: () => index.list(), seq: () => seq };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    source?.close();
  };
}

/** Mount once per tab (in the providers). */
export function useFleetStream(): void {
  const qc = useQueryClient();
  useEffect(() => connectFleetStream(qc), [qc]);
}
