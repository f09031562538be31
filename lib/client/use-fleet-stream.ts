'use client';
/**
 * The one EventSource of a tab. Messages go through the stream's one fold (lib/stream/fold.ts):
 * deltas batched to animation frames, the result published in the React Query cache (the
 * fleet, jobs, cluster and series each under their own key).
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ClusterInfo, JobView, SeriesPoint, SeriesResponse } from '../api/contract';
import { FleetIndex } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import { takeEarlyStream } from '../stream/early-stream';
import { foldMessage, mergeSeries, type StreamState } from '../stream/fold';
import type { StreamProbe } from '../stream/probe';
import { decodeMessage, STREAM_EVENTS, type StreamEventName, type StreamMessage } from '../stream/protocol';
import { getJson, keys, type ConnectionStatus, type FleetData, type StreamStatus } from './queries';

/** Background tabs get no animation frames; apply on a timer then, and never let batches pile up. */
const FALLBACK_FLUSH_MS = 250;

declare global {
  interface Window {
    /** Read-only view for tests and scripts: the hosts this tab shows. */
    __fleetscope?: { hosts: () => HostView[]; seq: () => number };
  }
}

function openStream(seq: number): EventSource {
  performance.mark('fleetscope:stream-open');
  return new EventSource(seq ? `/api/stream?lastEventId=${seq}` : '/api/stream');
}

/** Calls the bench's probe, if one is installed; a probe that fails never stops the page. */
function probe(call: (probe: StreamProbe) => void): void {
  const installed = window.__fleetscopeProbe;
  if (!installed) return;
  try {
    call(installed);
  } catch (error) {
    console.error('[fleetscope] the stream probe failed', error);
  }
}

/** Folds messages into the cache: the fleet's index here, jobs, cluster and series in their entries. */
function cacheFolder(qc: QueryClient) {
  const index = new FleetIndex();
  let seq = 0;
  let version = 0;
  return {
    index,
    seq: () => seq,
    fold(message: StreamMessage): void {
      if (message.event === 'snapshot' || message.event === 'delta') probe((p) => p.beforeFold(message, index));
      const before: StreamState = {
        index,
        seq,
        jobs: qc.getQueryData<JobView[]>(keys.jobs) ?? [],
        cluster: qc.getQueryData<ClusterInfo>(keys.cluster),
        series: qc.getQueryData<SeriesPoint[]>(keys.series) ?? [],
        runs: [],
      };
      const next = foldMessage(before, message);
      seq = next.seq;
      if (next.jobs !== before.jobs) qc.setQueryData<JobView[]>(keys.jobs, next.jobs);
      if (next.cluster !== before.cluster) qc.setQueryData<ClusterInfo | undefined>(keys.cluster, next.cluster);
      if (next.series !== before.series) qc.setQueryData<SeriesPoint[]>(keys.series, next.series);
    },
    /** The fleet's new state to the page (one render per batch of snapshot/deltas). */
    publish(): void {
      version++;
      const data: FleetData = { index, counts: index.countsSnapshot(), seq, version };
      qc.setQueryData<FleetData | null>(keys.fleet, () => data);
      probe((p) => p.afterPublish());
    },
  };
}

/** Sets the connection status; `hostEvent`: the message carried host changes, so "last event" moves. */
function statusSetter(qc: QueryClient) {
  return (status: ConnectionStatus, hostEvent = false) => {
    const old = qc.getQueryData<StreamStatus>(keys.stream);
    const now = Date.now();
    if (old?.status === status && !hostEvent) return;
    qc.setQueryData<StreamStatus>(keys.stream, {
      status,
      since: old?.status === status ? old.since : now,
      lastMessageAt: hostEvent ? now : old?.lastMessageAt,
    });
  };
}

/** Collects messages and hands them over once per animation frame (on a timer in background tabs). */
function frameBatcher(apply: (batch: StreamMessage[]) => void) {
  let pending: StreamMessage[] = [];
  let frame = 0;
  let fallback: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    cancelAnimationFrame(frame);
    clearTimeout(fallback);
    frame = 0;
    fallback = undefined;
  };
  const flush = () => {
    cancel();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    apply(batch);
  };
  return {
    push(message: StreamMessage): void {
      pending.push(message);
      if (!frame) frame = requestAnimationFrame(flush);
      fallback ??= setTimeout(flush, FALLBACK_FLUSH_MS);
    },
    /** Forgets what is pending (a snapshot replaces it; the stream closes). */
    drop(): void {
      cancel();
      pending = [];
    },
  };
}

export function connectFleetStream(qc: QueryClient): () => void {
  const cache = cacheFolder(qc);
  const setStatus = statusSetter(qc);
  const deltas = frameBatcher((batch) => {
    for (const message of batch) cache.fold(message);
    cache.publish();
  });
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const loadSeries = () => {
    getJson<SeriesResponse>('/api/series')
      .then(({ points }) => qc.setQueryData<SeriesPoint[]>(keys.series, (old) => mergeSeries(old ?? [], points)))
      .catch(() => {});
  };

  const receive = (name: StreamEventName, data: string) => {
    if (name === 'snapshot') performance.mark('fleetscope:snapshot-received');
    const message = decodeMessage(name, data);
    if (!message) return;
    if (message.event === 'snapshot') {
      performance.mark('fleetscope:snapshot-parsed');
      deltas.drop();
      cache.fold(message);
      performance.mark('fleetscope:snapshot-indexed');
      cache.publish();
      performance.mark('fleetscope:snapshot-published');
      setStatus('live', true);
      loadSeries();
    } else if (message.event === 'delta') {
      deltas.push(message);
      setStatus('live', true);
    } else {
      cache.fold(message);
      if (message.event === 'series') setStatus('live');
    }
  };

  const connect = () => {
    if (closed) return;
    const adopted = cache.seq() === 0 ? takeEarlyStream() : undefined;
    source = adopted?.source ?? openStream(cache.seq());
    for (const name of STREAM_EVENTS) source.addEventListener(name, (e) => receive(name, (e as MessageEvent<string>).data));
    if (adopted) {
      adopted.detach();
      for (const [name, data] of adopted.buffered) receive(name, data);
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

  window.__fleetscope = { hosts: () => cache.index.list(), seq: cache.seq };
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    deltas.drop();
    source?.close();
  };
}

/** Mount once per tab (in the providers). */
export function useFleetStream(): void {
  const qc = useQueryClient();
  useEffect(() => connectFleetStream(qc), [qc]);
}
