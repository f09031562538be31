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
  }
}

function mergeSeries(a: SeriesPoint[], b: SeriesPoint[]): SeriesPoint[] {
  const byTime = new Map<number, SeriesPoint>();
  for (const p of [...a, ...b]) byTime.set(p.t, p);
  return [...byTime.values()].sort((x, y) => x.t - y.t).slice(-MAX_SERIES);
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
    for (const delta of pending) {
      index.apply(delta);
      seq = delta.seq;
    }
    pending = [];
    publish();
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

  const connect = () => {
    if (closed) return;
    source = new EventSource(seq ? `/api/stream?lastEventId=${seq}` : '/api/stream');
    source.addEventListener('snapshot', (e) => {
      const snapshot = JSON.parse((e as MessageEvent<string>).data) as Snapshot;
      pending = [];
      index.reset(snapshot.hosts);
      seq = snapshot.seq;
      publish();
      setStatus('live', true);
      loadSeries();
    });
    source.addEventListener('delta', (e) => {
      pending.push(JSON.parse((e as MessageEvent<string>).data) as Delta);
      schedule();
      setStatus('live', true);
    });
    source.addEventListener('job', (e) => {
      const job = JSON.parse((e as MessageEvent<string>).data) as JobView;
      qc.setQueryData<JobView[]>(keys.jobs, (old = []) => [job, ...old.filter((j) => j.id !== job.id)].slice(0, MAX_JOBS));
    });
    source.addEventListener('cluster', (e) => {
      qc.setQueryData<ClusterInfo>(keys.cluster, JSON.parse((e as MessageEvent<string>).data) as ClusterInfo);
    });
    source.addEventListener('series', (e) => {
      const point = JSON.parse((e as MessageEvent<string>).data) as SeriesPoint;
      qc.setQueryData<SeriesPoint[]>(keys.series, (old = []) => (old.length >= MAX_SERIES ? [...old.slice(1), point] : [...old, point]));
      setStatus('live');
    });
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
