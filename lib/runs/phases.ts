/**
 * Phases of a run, derived from its steps: every step that writes starts one, and its hosts
 * count as done when they reach the phase's target (a state, a power state, or gone). Pure.
 */
export type PhaseKind = 'Enrollment' | 'Provisioning' | 'Deprovisioning' | 'PowerOff' | 'PowerOn' | 'Deletion';

export type Target = { state: string } | { poweredOn: boolean } | { gone: true };

export interface PhaseDef {
  /** `Provisioning`, or `Provisioning-2` for the second provision step. */
  name: string;
  kind: PhaseKind;
  stepIndex: number;
  target: Target;
}

const BY_STEP: Record<string, { kind: PhaseKind; target: Target }> = {
  create: { kind: 'Enrollment', target: { state: 'available' } },
  provision: { kind: 'Provisioning', target: { state: 'provisioned' } },
  deprovision: { kind: 'Deprovisioning', target: { state: 'available' } },
  powerOff: { kind: 'PowerOff', target: { poweredOn: false } },
  powerOn: { kind: 'PowerOn', target: { poweredOn: true } },
  delete: { kind: 'Deletion', target: { gone: true } },
};

/** Per-phase metric names a threshold may use as `<phase>.<name>`. */
export const PHASE_METRICS = [
  'numHosts',
  'reached',
  'notReached',
  'durationSeconds',
  'throughputHostsPerMin',
  't50Seconds',
  't90Seconds',
  't99Seconds',
  't100Seconds',
  'p50Seconds',
  'p95Seconds',
  'p99Seconds',
  'maxSeconds',
  'errors',
  'stuckHosts',
] as const;
export type PhaseMetric = (typeof PHASE_METRICS)[number];

/** Whole-run metric names. */
export const RUN_METRICS = ['errors', 'stuckHosts', 'durationSeconds'] as const;

export function derivePhases(steps: readonly object[]): PhaseDef[] {
  const seen = new Map<PhaseKind, number>();
  const out: PhaseDef[] = [];
  steps.forEach((step, stepIndex) => {
    const kind = Object.keys(step)[0];
    const def = kind ? BY_STEP[kind] : undefined;
    if (!def) return;
    const n = (seen.get(def.kind) ?? 0) + 1;
    seen.set(def.kind, n);
    out.push({ name: n === 1 ? def.kind : `${def.kind}-${n}`, kind: def.kind, stepIndex, target: def.target });
  });
  return out;
}

export interface Observed {
  state: string;
  poweredOn: boolean;
}

/** Whether a host (undefined = gone) is at a phase's target. */
export function atTarget(target: Target, host: Observed | undefined): boolean {
  if ('gone' in target) return host === undefined;
  if (!host) return false;
  if ('state' in target) return host.state === target.state;
  return host.poweredOn === target.poweredOn;
}

export function describeTarget(target: Target): string {
  if ('gone' in target) return 'gone';
  if ('state' in target) return target.state;
  return target.poweredOn ? 'powered on' : 'powered off';
}
