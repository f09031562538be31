/** The phases of one host on a time axis: operations from operationHistory, states as observed. Pure. */
import { OPERATIONS, type BareMetalHostStatus, type Operation } from '@/lib/bmh/types';

export interface PhaseBar {
  phase: Operation;
  start: number;
  /** Undefined while the operation runs (or after it failed). */
  end?: number;
  /** BMO's error, when the operation stopped on one. */
  failed?: string;
}

export interface StateSpan {
  state: string;
  start: number;
  end?: number;
}

/**
 * The operations of operationHistory as bars. An operation BMO gave up on keeps its start and
 * no end, like a running one; when the host is in error, the last unfinished one is the one that
 * failed (BMO sets errorType in the state whose operation it is running), so it is marked failed.
 */
export function phaseBars(status: BareMetalHostStatus | undefined): PhaseBar[] {
  const history = status?.operationHistory ?? {};
  const bars: PhaseBar[] = [];
  for (const phase of OPERATIONS) {
    const start = history[phase]?.start ? Date.parse(history[phase]!.start!) : NaN;
    if (Number.isNaN(start)) continue;
    const end = history[phase]?.end ? Date.parse(history[phase]!.end!) : undefined;
    bars.push({ phase, start, ...(end !== undefined && !Number.isNaN(end) ? { end } : {}) });
  }
  bars.sort((a, b) => a.start - b.start);
  const open = bars.filter((bar) => bar.end === undefined).at(-1);
  if (open && (status?.errorType || status?.operationalStatus === 'error'))
    open.failed = `${status.errorType || 'error'}: ${status.errorMessage || 'no message'}`;
  return bars;
}

/** Observed transitions as contiguous spans: each state lasts until the next one began. */
export function stateSpans(transitions: { t: number; from: string; to: string }[]): StateSpan[] {
  return transitions.map((tr, i) => ({ state: tr.to, start: tr.t, ...(transitions[i + 1] ? { end: transitions[i + 1]!.t } : {}) }));
}

/** The time range that holds everything, with a little room on the right for "now". */
export function timeRange(bars: PhaseBar[], spans: StateSpan[], created: number, now: number): [number, number] {
  const starts = [created, ...bars.map((b) => b.start), ...spans.map((s) => s.start)];
  const from = Math.min(...starts);
  return [from, Math.max(now, from + 1000)];
}
