/** The twin's settings: a profile's timings plus failure rates and BMO-like limits, changeable live. */
import { PROFILES, type Delay, type FailureStage, type Limits, type ProfileName, type TimingKey } from './profiles';

export interface TwinSettings {
  profile: ProfileName;
  timings: Record<TimingKey, Delay>;
  errorBackoffUnitMs: number;
  /** Probability (0–1) that a stage fails with its error type. */
  failureRates: Record<FailureStage, number>;
  limits: Limits;
  /** Mimic BMO's one fixture shared by all hosts (notes/metal3.md §5.4) instead of per-host state. */
  sharedFixture: boolean;
  /** Create core/v1 Events with BMO's reasons. */
  events: boolean;
}

export const DEFAULT_LIMITS: Limits = { concurrency: 64, qps: 0, burst: 0 };

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
