/** What the simulator panel may change in the twin, validated with zod. */
import { z } from 'zod';
import { PROFILE_NAMES, PROFILES, FAILURE_STAGES } from './profiles';
import { settingsFor, type TwinSettings } from './settings';
import { LIMIT_PRESETS, limitsFor, MAX_QPS, MIN_QPS } from './limits';

const rate = z.number().min(0, 'must be at least 0').max(1, 'must be at most 1');

export const SettingsPatchSchema = z
  .object({
    profile: z.enum(PROFILE_NAMES).optional(),
    failureRates: z.object(Object.fromEntries(FAILURE_STAGES.map((s) => [s, rate.optional()])) as Record<(typeof FAILURE_STAGES)[number], z.ZodOptional<typeof rate>>).strict().optional(),
    limits: z
      .object({
        concurrency: z.number().int('must be a whole number').min(0, 'must be at least 0').max(10_000, 'must be at most 10000').optional(),
        // 0 turns the limiter off; a tiny positive rate made every write wait for ever (and the twin spin).
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

/** Applies a patch; a new profile brings that profile's timings, the rest is kept. */
export function applySettingsPatch(current: TwinSettings, patch: SettingsPatch): TwinSettings {
  const base = patch.profile && patch.profile !== current.profile ? { ...current, ...settingsFor(patch.profile), failureRates: current.failureRates, limits: current.limits, sharedFixture: current.sharedFixture, events: current.events } : current;
  return {
    ...base,
    failureRates: { ...base.failureRates, ...Object.fromEntries(Object.entries(patch.failureRates ?? {}).filter(([, v]) => v !== undefined)) },
    limits: { ...(patch.limitsPreset ? limitsFor(patch.limitsPreset, process.env.BMO_CONCURRENCY) : base.limits), ...Object.fromEntries(Object.entries(patch.limits ?? {}).filter(([, v]) => v !== undefined)) },
    sharedFixture: patch.sharedFixture ?? base.sharedFixture,
    events: patch.events ?? base.events,
  };
}

export const PROFILE_SUMMARIES = PROFILE_NAMES.map((name) => ({ name, description: PROFILES[name].description }));
