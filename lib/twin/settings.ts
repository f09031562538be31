/** The twin's settings: a profile's timings plus failure rates and BMO-like limits, changeable live. */
import { limitsFor } from './limits';
import { PROFILES, type Delay, type FailureStage, type Limits, type ProfileName, type TimingKey } from './profiles';

export interface TwinSettings {
  profile: ProfileName;
  timings: Record<TimingKey, Delay>;
  errorBackoffUnitMs: number;
  /** Probability (0–1) that a stage fails with its error type. */
  failureRates: Record<FailureStage, number>;
  limits: Limits;
  /** Mimic BMO's one fixture shared by all hosts (main.go:410, fixture.go) instead of per-host state. */
  sharedFixture: boolean;
  /** Create core/v1 Events with BMO's reasons. */
  events: boolean;
}

/** BMO's own defaults (see limits.ts); `FLEET_LIMITS` or the simulator panel choose others. */
export const DEFAULT_LIMITS: Limits = limitsFor('bmo');

export function settingsFor(profile: ProfileName, overrides: Partial<TwinSettings> = {}): TwinSettings {
  const base = PROFILES[profile];
  return {
    profile,
    timings: { ...base.timings },
    errorBackoffUnitMs: base.errorBackoffUnitMs,
    failureRates: { register: 0, inspect: 0, prepare: 0, provision: 0, deprovision: 0, power: 0 },
    limits: { ...DEFAULT_LIMITS },
    sharedFixture: false,
    events: true,
    ...overrides,
  };
}
