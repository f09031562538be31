'use client';
import { useEffect, useState } from 'react';
import { humanDuration } from '@/lib/bmh/human-duration';
import { cn } from '../ui/cn';
import { useCluster, useStreamStatus } from './use-fleet';

/** Re-renders every second so ages stay current. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The overall health of what the page shows: the browser's stream and the server's watch. */
export function useLiveness() {
  const stream = useStreamStatus();
  const cluster = useCluster();
  const streamLive = stream?.status === 'live';
  const watchLive = cluster === undefined || cluster.connection === 'live';
  return { stream, cluster, live: streamLive && watchLive, streamLive, watchLive };
}

export function ConnectionStatus() {
  const { stream, cluster, live, streamLive } = useLiveness();
  const now = useNow();
  const label = !stream || stream.status === 'connecting' ? 'connecting' : streamLive && !live ? 'reconnecting' : stream.status;
  const lastEvent = stream?.lastMessageAt ?? cluster?.lastEventAt;
  return (
    <span className="flex items-center gap-2 text-sm" title={cluster?.lastError}>
      <span
        className={cn('inline-block size-2.5 rounded-full', live ? 'bg-emerald-500' : label === 'disconnected' ? 'bg-rose-500' : 'animate-pulse bg-amber-500')}
        aria-hidden
      />
      <span data-testid="connection-status">{live ? 'live' : label === 'live' ? 'reconnecting' : label}</span>
      {lastEvent !== undefined && (
        <span className="text-xs text-slate-500 dark:text-slate-400">last event {humanDuration(Math.max(0, now - lastEvent))} ago</span>
      )}
    </span>
  );
}

/** Shown while the page may be out of date; it goes away by itself when the stream and watch recover. */
export function DisconnectedBanner() {
  const { stream, cluster, live } = useLiveness();
  if (live || !stream || stream.status === 'connecting') return null;
  const why =
    stream.status !== 'live'
      ? 'The connection to the Fleetscope server was lost.'
      : `The server lost its watch on the cluster${cluster?.lastError ? ` (${cluster.lastError})` : ''}.`;
  return (
    <div
      role="status"
      data-testid="disconnected-banner"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {why} Reconnecting… Counts and rows may be out of date until then.
    </div>
  );
}
