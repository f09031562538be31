/**
 * Timing profiles of the twin: how long each step of BMO's lifecycle takes, as data.
 * `bmo-test-mode` follows the fixture provisioner (pkg/provisioner/fixture/fixture.go); the others trade
 * fidelity for speed or for Ironic-like realism.
 */
// The profile names, the failure stages and the limits are part of the API (lib/api/contract.ts).
import { PROFILE_NAMES, type ProfileName } from '../api/limits';
export { FAILURE_STAGES, PROFILE_NAMES, type FailureStage, type ProfileName } from '../api/limits';
export type { TwinLimits as Limits } from '../api/contract';

/** A delay of `base` milliseconds plus up to `jitter` more, chosen at random per host. */
export interface Delay {
  base: number;
  jitter: number;
}

export type TimingKey = 'register' | 'inspect' | 'prepare' | 'provision' | 'deprovision' | 'power' | 'delete' | 'credentialsRetry';

export interface Profile {
  name: ProfileName;
  description: string;
  timings: Record<TimingKey, Delay>;
  /** BMO's error backoff is 2^n minutes with jitter; profiles scale the minute. */
  errorBackoffUnitMs: number;
  /**
   * The delays are the fixture's RequeueAfter values: an event that passes BMO's predicates
   * reconciles the host at once, and the fixture's second call completes the step. False where a
   * delay stands for work done elsewhere (Ironic), which an event does not speed up.
   */
  requeue: boolean;
}

const d = (base: number, jitter = 0): Delay => ({ base, jitter });

export const PROFILES: Record<ProfileName, Profile> = {
  'bmo-test-mode': {
    name: 'bmo-test-mode',
    description: "BMO's fixture provisioner: registering ~0.1 s, inspecting 2 s, provisioning and deprovisioning 10 s",
    timings: {
      register: d(100, 150),
      inspect: d(2000),
      prepare: d(20, 30),
      provision: d(10_000),
      deprovision: d(10_000),
      power: d(10, 20),
      delete: d(50, 50),
      credentialsRetry: d(10_000),
    },
    errorBackoffUnitMs: 60_000,
    requeue: true,
  },
  instant: {
    name: 'instant',
    description: 'Every step as soon as the API accepts the write',
    timings: {
      register: d(0),
      inspect: d(0),
      prepare: d(0),
      provision: d(0),
      deprovision: d(0),
      power: d(0),
      delete: d(0),
      credentialsRetry: d(1000),
    },
    errorBackoffUnitMs: 1000,
    requeue: true,
  },
  fast: {
    name: 'fast',
    description: 'Sub-second steps with jitter, for scale tests',
    timings: {
      register: d(50, 100),
      inspect: d(200, 300),
      prepare: d(50, 100),
      provision: d(400, 400),
      deprovision: d(300, 300),
      power: d(20, 30),
      delete: d(50, 50),
      credentialsRetry: d(2000),
    },
    errorBackoffUnitMs: 2000,
    requeue: true,
  },
  realistic: {
    name: 'realistic',
    description: 'Ironic-like minutes: inspection ~5 min, cleaning ~1 min, deployment ~10 min',
    timings: {
      register: d(15_000, 15_000),
      inspect: d(180_000, 240_000),
      prepare: d(45_000, 45_000),
      provision: d(420_000, 360_000),
      deprovision: d(180_000, 180_000),
      power: d(5000, 10_000),
      delete: d(10_000, 20_000),
      credentialsRetry: d(10_000),
    },
    errorBackoffUnitMs: 60_000,
    requeue: false,
  },
};

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(value);
}

/** Picks a delay: `base` plus uniform jitter, from an injected random source. */
export function pickDelay(delay: Delay, random: () => number): number {
  return Math.round(delay.base + delay.jitter * random());
}

/** BMO's calculateBackoff: 2^n units minus up to 50 % jitter, n capped at 9. */
export function errorBackoff(errorCount: number, unitMs: number, random: () => number): number {
  const n = Math.min(Math.max(errorCount, 1), 9);
  const full = 2 ** n * unitMs;
  return Math.round(full - (full / 2) * random());
}
