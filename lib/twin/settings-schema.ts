/** Applying what the simulator panel changes in the twin (its schema is SettingsPatchSchema, lib/api/contract.ts). */
import type { SettingsPatch } from '../api/contract';
import { PROFILE_NAMES, PROFILES } from './profiles';
import { settingsFor, type TwinSettings } from './settings';
import { limitsFor } from './limits';

/** Applies a patch; a new profile brings that profile's timings, the rest is kept. */
export function applySettingsPatch(current: TwinSettings, patch: SettingsPatch): TwinSettings {
  const base =
    patch.profile && patch.profile !== current.profile
      ? {
          ...current,
          ...settingsFor(patch.profile),
          failureRates: current.failureRates,
          limits: current.limits,
          sharedFixture: current.sharedFixture,
          events: current.events,
        }
      : current;
  return {
    ...base,
    failureRates: { ...base.failureRates, ...Object.fromEntries(Object.entries(patch.failureRates ?? {}).filter(([, v]) => v !== undefined)) },
    limits: {
      ...(patch.limitsPreset ? limitsFor(patch.limitsPreset, process.env.BMO_CONCURRENCY) : base.limits),
      ...Object.fromEntries(Object.entries(patch.limits ?? {}).filter(([, v]) => v !== undefined)),
    },
    sharedFixture: patch.sharedFixture ?? base.sharedFixture,
    events: patch.events ?? base.events,
  };
}

export const PROFILE_SUMMARIES = PROFILE_NAMES.map((name) => ({ name, description: PROFILES[name].description }));
