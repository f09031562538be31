'use client';
import { useQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { filterToParams, parseFilter, type HostFilter } from '@/lib/client/filters';
import { clusterQuery, fleetQuery, streamQuery, type FleetData } from '@/lib/client/queries';

/** The live fleet (null until the first snapshot arrives); re-renders on every applied batch. */
export function useFleet() {
  return useQuery(fleetQuery).data ?? null;
}

const selectIndex = (data: FleetData | null) => data?.index ?? null;

/**
 * The fleet's (mutable) index without re-rendering on every batch: for components that read it
 * on their own schedule (charts, namespace lists), which must not redraw at stream speed.
 */
export function useFleetIndex() {
  return useQuery({ ...fleetQuery, select: selectIndex }).data ?? null;
}

export function useStreamStatus() {
  return useQuery(streamQuery).data;
}

export function useCluster() {
  return useQuery(clusterQuery).data;
}

/** True when the server refuses every change (FLEET_READONLY=1): controls are shown disabled. */
export function useReadonly(): boolean {
  return useCluster()?.readonly === true;
}

/** The table filter, read from and written to the URL. */
export function useHostFilter(): [HostFilter, (patch: Partial<HostFilter>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filter = useMemo(() => parseFilter(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<HostFilter>) => {
      // Merge with the URL as it is now, not as it was when this render happened: a debounced
      // search and a tile click may both land before the next render.
      const current = parseFilter(new URLSearchParams(window.location.search));
      const query = filterToParams({ ...current, ...patch }).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [pathname, router],
  );
  return [filter, update];
}
