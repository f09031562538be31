/** The twin's knobs and state as the API shows them: GET and PUT /api/simulator (re-exported by contract.ts). */
import { z } from 'zod';
import {
  FAILURE_STAGES,
  LIMIT_PRESETS,
  MAX_CONCURRENCY,
  MAX_QPS,
  MIN_QPS,
  PROFILE_NAMES,
  type FailureStage,
  type LimitPreset,
  type ProfileName,
} from './limits';

const rate = z.number().min(0, 'must be at least 0').max(1, 'must be at most 1');

/** What the simulator panel may change in the twin. */
export const SettingsPatchSchema = z
  .object({
    profile: z.enum(PROFILE_NAMES).optional(),
    failureRates: z
      .object(Object.fromEntries(FAILURE_STAGES.map((s) => [s, rate.optional()])) as Record<FailureStage, z.ZodOptional<typeof rate>>)
      .strict()
      .optional(),
    limits: z
      .object({
        concurrency: z
          .number()
          .int('must be a whole number')
          .min(0, 'must be at least 0')
          .max(MAX_CONCURRENCY, `must be at most ${MAX_CONCURRENCY}`)
          .optional(),
        // 0 turns the limiter off; a tiny positive rate stalled every write (and made the twin spin).
        qps: z
          .number()
          .refine((v) => v === 0 || (v >= MIN_QPS && v <= MAX_QPS), `must be 0 (no limit) or between ${MIN_QPS} and ${MAX_QPS}`)
          .optional(),
        burst: z.number().int('must be a whole number').min(0, 'must be at least 0').max(MAX_QPS, `must be at most ${MAX_QPS}`).optional(),
      })
      .strict()
      .optional(),
    /** One of the presets (BMO's defaults, Metal3's tuned run, unlimited); `limits` then adjusts it. */
    limitsPreset: z.enum(LIMIT_PRESETS).optional(),
    sharedFixture: z.boolean().optional(),
    events: z.boolean().optional(),
  })
  .strict();

export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export interface TwinLimits {
  /** Hosts reconciled at once (BMO's MaxConcurrentReconciles). 0 = unlimited. */
  concurrency: number;
  /** Sustained API writes per second (BMO's client QPS). 0 = unlimited. */
  qps: number;
  /** Burst above `qps`. */
  burst: number;
}

/** The twin's settings as the API shows them (lib/twin/settings.ts's TwinSettings fits this). */
export interface TwinSettingsView {
  profile: ProfileName;
  timings: Record<string, { base: number; jitter: number }>;
  errorBackoffUnitMs: number;
  failureRates: Record<FailureStage, number>;
  limits: TwinLimits;
  sharedFixture: boolean;
  events: boolean;
}

export interface TwinStats {
  transitions: number;
  writes: number;
  failedWrites: number;
  conflicts: number;
  hosts: number;
  /** Hosts whose delay is counting down. */
  scheduled: number;
  /** Hosts due now, waiting for a free worker. */
  queueDepth: number;
  busyWorkers: number;
  /** Milliseconds hosts have waited for a worker, in all. */
  workerWaitMs: number;
  /** Milliseconds writes have waited for the client rate limiter, in all. */
  limiterWaitMs: number;
  /** Writes waiting for the rate limiter now. */
  limiterQueued: number;
  lastError?: string;
}

/** A one-click set of limits in the simulator panel. */
export interface LimitPresetSummary {
  name: LimitPreset;
  label: string;
  description: string;
  limits: TwinLimits;
}

export interface TwinState {
  settings: TwinSettingsView;
  /** Hosts waiting, per stage. */
  pending: Record<string, number>;
  stats: TwinStats;
}

export interface ProfileSummary {
  name: ProfileName;
  description: string;
}

/** `GET`/`PUT /api/simulator`: the profiles, and the twin's state when one runs here (`available`). */
export type SimulatorResponse = { available: boolean; profiles: ProfileSummary[]; limitPresets?: LimitPresetSummary[] } & Partial<TwinState>;
