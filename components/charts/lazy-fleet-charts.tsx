'use client';
import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { useFleetIndex } from '../fleet/use-fleet';

const Charts = dynamic(() => import('./fleet-charts').then((m) => m.FleetCharts), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading charts…</p>,
});

/**
 * The charts (and their library) load only once the fleet is on screen and the page is idle,
 * so the first render of a big fleet does not wait for them.
 */
export function LazyFleetCharts() {
  // The index (a stable reference once the first snapshot is in), not the fleet: no re-render per frame.
  const haveFleet = useFleetIndex() !== null;
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!haveFleet || ready) return;
    const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
    const handle = idle(() => setReady(true), { timeout: 1500 });
    return () => (window.cancelIdleCallback ?? clearTimeout)(handle as never);
  }, [haveFleet, ready]);
  return ready ? <Charts /> : <p className="text-sm text-slate-500">Loading charts…</p>;
}
