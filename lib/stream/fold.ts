/**
 * The one fold of stream messages into what a client holds: `(state, message) → state`. The
 * browser (lib/client/use-fleet-stream.ts), the bench (bench/observers/sse.ts) and the
 * convergence test all use it, so they hold the same fleet as `GET /api/hosts` answers.
 *
 * No clock, no IO. One concession to size: the host index is a FleetIndex that the fold updates
 * in place (copying 100,000 hosts per delta is not an option); everything else is replaced, so a
 * changed part is a new reference (`next.jobs !== state.jobs` says the jobs changed).
 */
import { FleetIndex } from '../bmh/fleet-index';
import type { ClusterInfo, JobView, SeriesPoint } from '../api/contract';
import type { RunView } from '../runs/view';
import type { StreamMessage } from './protocol';

/** The browser keeps an hour of one-second points, and the latest jobs. */
export const MAX_SERIES = 3600;
export const MAX_JOBS = 20;
export const MAX_RUNS = 20;

export interface StreamState {
  index: FleetIndex;
  /** The `seq` of the last snapshot or delta folded in (0 before the first snapshot). */
  seq: number;
  /** Newest first. */
  jobs: JobView[];
  cluster?: ClusterInfo;
  /** Oldest first. */
  series: SeriesPoint[];
  /** Scale-test runs seen on the stream, newest first. */
  runs: RunView[];
}

export function initialStreamState(index = new FleetIndex()): StreamState {
  return { index, seq: 0, jobs: [], series: [], runs: [] };
}

export function foldMessage(state: StreamState, message: StreamMessage): StreamState {
  switch (message.event) {
    case 'snapshot':
      state.index.reset(message.data.hosts);
      return { ...state, seq: message.data.seq };
    case 'delta':
      state.index.apply(message.data);
      return { ...state, seq: message.data.seq };
    case 'job':
      return { ...state, jobs: [message.data, ...state.jobs.filter((j) => j.id !== message.data.id)].slice(0, MAX_JOBS) };
    case 'cluster':
      return { ...state, cluster: message.data };
    case 'series':
      return { ...state, series: state.series.length >= MAX_SERIES ? [...state.series.slice(1), message.data] : [...state.series, message.data] };
    case 'run':
      return { ...state, runs: [message.data, ...state.runs.filter((r) => r.id !== message.data.id)].slice(0, MAX_RUNS) };
    default:
      return state;
  }
}

/** Points fetched with `GET /api/series` merged with those the stream brought, by time. */
export function mergeSeries(a: SeriesPoint[], b: SeriesPoint[]): SeriesPoint[] {
  const byTime = new Map<number, SeriesPoint>();
  for (const p of [...a, ...b]) byTime.set(p.t, p);
  return [...byTime.values()].sort((x, y) => x.t - y.t).slice(-MAX_SERIES);
}
