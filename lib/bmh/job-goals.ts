/**
 * What a job's action is for, read off the fleet model: a write that the API server accepted is
 * only the start; the job is done for a host when BMO has taken it where the action points
 * (provisioned, available, powered off, gone). Pure: the host's view and the time are passed in.
 */
import type { HostView } from './host-view';
import { humanDuration } from './human-duration';

export type Goal = 'available' | 'provisioned' | 'powered on' | 'powered off' | 'gone' | 'detached' | 'attached';

/**
 * Actions whose end BMO shows in the host's status. Reboot, inspect and (un)pause have none the
 * model can tell from "not started yet" (an inspected host is `available` before and after), so
 * for them the write is the end.
 */
const GOALS: Partial<Record<string, Goal>> = {
  create: 'available',
  provision: 'provisioned',
  deprovision: 'available',
  'power-on': 'powered on',
  'power-off': 'powered off',
  delete: 'gone',
  detach: 'detached',
  attach: 'attached',
};

export function goalOf(action: string): Goal | undefined {
  return GOALS[action];
}

export function atGoal(goal: Goal, view: HostView | undefined): boolean {
  if (goal === 'gone') return view === undefined;
  if (!view || view.deleting) return false;
  switch (goal) {
    case 'available':
    case 'provisioned':
      return view.state === goal && view.operationalStatus !== 'error';
    case 'powered on':
      return view.poweredOn;
    case 'powered off':
      return !view.poweredOn;
    case 'detached':
      return view.operationalStatus === 'detached';
    case 'attached':
      return view.operationalStatus !== 'detached';
  }
}

/**
 * Why a host that has not reached the goal may never get there: BMO reports an error for it
 * (BMO keeps retrying, so this can still clear), it is gone, or its state has not moved for
 * `stuckAfterMs` since the job wrote to it.
 */
export function problemOf(goal: Goal, view: HostView | undefined, writtenAt: number, now: number, stuckAfterMs: number): string | undefined {
  if (!view) return goal === 'gone' ? undefined : 'the host was deleted';
  if (view.operationalStatus === 'error' || view.errorType) return `${view.errorType || 'error'}: ${view.errorMessage || 'no message'} (state ${view.state})`;
  const still = now - Math.max(view.lastTransition, writtenAt);
  if (still > stuckAfterMs) return `stuck: ${view.state} for ${humanDuration(still)}`;
  return undefined;
}

/** How long the rest should take at the pace so far, or undefined before the first host got there. */
export function estimateRest(startedAt: number, now: number, reached: number, remaining: number): number | undefined {
  if (reached === 0 || remaining <= 0) return remaining <= 0 ? 0 : undefined;
  return Math.round(((now - startedAt) / reached) * remaining);
}
