/** The phases of one host on a time axis: operations from operationHistory, states as observed. Pure. */
import { OPERATIONS, type BareMetalHostStatus, type Operation } from '@/lib/bmh/types';

export interface PhaseBar {
  phase: Operation;
  start: number;
  /** Undefined while the operation runs. */
  end?: number;
}

export interface StateSpan {
  state: string;
  start: number;
  end?: number;
}

export function phaseBars(status: BareMetalHostStatus | undefined): PhaseBar[] {
  const history = status?.operationHistory ?? {};
  const bars: PhaseBar[] = [];
  for (const phase of OPERATIONS) {
    const start = history[phase]?.start ? Date.parse(history[phase]!.start!) : NaN;
    if (Number.isNaN(start)) continue;
    const end = history[phase]?.end ? Date.parse(history[phase]!.end!) : undefined;
    bars.push({ phase, start, ...(end !== undefined && !Number.isNaN(end) ? { end } : {}) });
  }
  return bars.sort((a, b) => a.start - b.start);
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
