/** Query keys and fetchers, written once and shared by every component (TanStack's queryOptions). */
import { queryOptions } from '@tanstack/react-query';
import type { ApiErrorBody, ClusterInfo, HostDetail, JobView, SeriesPoint, SeriesResponse } from '../api/contract';
import type { FleetCounts } from '../bmh/counts';
import type { FleetIndex } from '../bmh/fleet-index';

/** The live fleet in the browser: a mutable index plus a version that changes with every applied batch. */
export interface FleetData {
  index: FleetIndex;
  counts: FleetCounts;
  seq: number;
  version: number;
}

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'disconnected';

export interface StreamStatus {
  status: ConnectionStatus;
  /** Epoch ms of the last message received. */
  lastMessageAt?: number;
  since: number;
}

export const keys = {
  fleet: ['fleet'] as const,
  stream: ['stream'] as const,
  cluster: ['cluster'] as const,
  series: ['series'] as const,
  jobs: ['jobs'] as const,
  host: (namespace: string, name: string) => ['host', namespace, name] as const,
  simulator: ['simulator'] as const,
};

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
  if (!response.ok) throw new Error(body.error?.message ?? `${url}: HTTP ${response.status}`);
  return body;
}

/** Sends a JSON body; the answer's error message becomes the thrown error's. */
export async function sendJson<T>(url: string, body: unknown, method = 'POST'): Promise<T> {
  const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
  if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  return answer;
}

/** The stream fills these; the queries never fetch behind its back. */
const streamFed = { staleTime: Infinity, gcTime: Infinity, refetchOnWindowFocus: false, structuralSharing: false } as const;

export const fleetQuery = queryOptions<FleetData | null>({ queryKey: keys.fleet, queryFn: () => null, ...streamFed });
export const streamQuery = queryOptions<StreamStatus>({
  queryKey: keys.stream,
  queryFn: () => ({ status: 'connecting', since: Date.now() }),
  ...streamFed,
});
export const clusterQuery = queryOptions<ClusterInfo>({
  queryKey: keys.cluster,
  queryFn: () => getJson<ClusterInfo>('/api/cluster'),
  staleTime: Infinity,
  refetchOnWindowFocus: false,
});
export const seriesQuery = queryOptions<SeriesPoint[]>({
  queryKey: keys.series,
  queryFn: async () => (await getJson<SeriesResponse>('/api/series')).points,
  staleTime: Infinity,
  refetchOnWindowFocus: false,
  structuralSharing: false,
});
export const jobsQuery = queryOptions<JobView[]>({ queryKey: keys.jobs, queryFn: () => [], ...streamFed });
/** Jobs as the server had them when the page loaded (earlier runs' too); the stream's `job` events update them. */
export const savedJobsQuery = queryOptions<JobView[]>({
  queryKey: [...keys.jobs, 'saved'],
  queryFn: async () => (await getJson<{ jobs: JobView[] }>('/api/jobs')).jobs,
  staleTime: Infinity,
  refetchOnWindowFocus: false,
});

export const hostQuery = (namespace: string, name: string) =>
  queryOptions<HostDetail>({
    queryKey: keys.host(namespace, name),
    queryFn: () => getJson<HostDetail>(`/api/hosts/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`),
    refetchOnWindowFocus: false,
    retry: 1,
  });
