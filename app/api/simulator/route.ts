import { handle, HttpError, json, readJson, requireSameOrigin, requireWritable } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { PROFILE_SUMMARIES, SettingsPatchSchema } from '@/lib/twin/settings-schema';
import { limitPresetSummaries } from '@/lib/twin/limits';

export const dynamic = 'force-dynamic';

/** The twin's settings (timing profile, failure rates, limits) and what it is waiting on. */
export function GET() {
  return handle(async () => {
    const { twin } = await runtime();
    if (!twin) return json({ available: false, profiles: PROFILE_SUMMARIES });
    return json({ available: true, profiles: PROFILE_SUMMARIES, limitPresets: limitPresetSummaries(), ...(await twin.state()) });
  });
}

/** Changes the twin's settings live. */
export function PUT(request: Request) {
  return handle(async () => {
    requireSameOrigin(request);
    const rt = await runtime();
    requireWritable(rt.env.readonly);
    if (!rt.twin) throw new HttpError(409, 'no_twin', 'the BMO twin is not running here (FLEET_OPERATOR=none): a real BMO drives these hosts');
    const patch = await readJson(request, SettingsPatchSchema);
    const state = await rt.twin.update(patch);
    rt.hub.publish('cluster', () => rt.clusterInfo());
    return json({ available: true, profiles: PROFILE_SUMMARIES, limitPresets: limitPresetSummaries(), ...state });
  });
}
