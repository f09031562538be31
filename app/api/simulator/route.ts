import { SettingsPatchSchema, type SimulatorResponse } from '@/lib/api/contract';
import { ApiError, handle, json, mutation } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { PROFILE_SUMMARIES } from '@/lib/twin/settings-schema';
import { limitPresetSummaries } from '@/lib/twin/limits';

export const dynamic = 'force-dynamic';

/** The twin's settings (timing profile, failure rates, limits) and what it is waiting on. */
export function GET() {
  return handle(async () => {
    const { twin } = await runtime();
    if (!twin) return json({ available: false, profiles: PROFILE_SUMMARIES } satisfies SimulatorResponse);
    return json({ available: true, profiles: PROFILE_SUMMARIES, limitPresets: limitPresetSummaries(), ...(await twin.state()) } satisfies SimulatorResponse);
  });
}

/** Changes the twin's settings live. */
export const PUT = mutation(
  {
    body: SettingsPatchSchema,
    requires: (rt) => {
      if (!rt.twin) throw new ApiError(409, 'no_twin', 'the BMO twin is not running here (FLEET_OPERATOR=none): a real BMO drives these hosts');
    },
  },
  async (rt, patch) => {
    const state = await rt.twin!.update(patch);
    rt.hub.publish('cluster', () => rt.clusterInfo());
    return json({ available: true, profiles: PROFILE_SUMMARIES, limitPresets: limitPresetSummaries(), ...state } satisfies SimulatorResponse);
  },
);
