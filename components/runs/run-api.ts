/** The runs API from the browser: fetchers, query options and the start/cancel calls. */
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '@/lib/client/queries';
import type { Comparison } from '@/lib/runs/api';
import type { RunReport } from '@/lib/runs/report';
import type { RunView } from '@/lib/runs/view';

export interface RunDetailBody {
  run: RunView;
  report: RunReport;
  /** Hosts the run created that still exist (once it has ended). */
  leftBehind: string[];
}

export const runsQuery = queryOptions({
  queryKey: ['runs'],
  queryFn: () => getJson<{ runs: RunView[] }>('/api/runs').then((b) => b.runs),
  refetchInterval: 2000,
});

export const runQuery = (id: string) =>
  queryOptions({
    queryKey: ['run', id],
    queryFn: () => getJson<RunDetailBody>(`/api/runs/${id}`),
    // Live while it runs (the `run` stream events carry the same view; the page also needs the report).
    refetchInterval: (query) => (query.state.data?.run.status === 'running' || !query.state.data ? 1000 : false),
  });

export const compareQuery = (ids: string) =>
  queryOptions({ queryKey: ['compare', ids], queryFn: () => getJson<Comparison>(`/api/runs/compare?ids=${encodeURIComponent(ids)}`) });

export class ApiError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json().catch(() => ({}))) as T & { error?: { message?: string; field?: string } };
  if (!response.ok) throw new ApiError(answer.error?.message ?? `HTTP ${response.status}`, answer.error?.field);
  return answer;
}
