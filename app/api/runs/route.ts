import { z } from 'zod';
import { handle, json, readJson, requireSameOrigin, requireWritable } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { scenarioOf } from '@/lib/runs/api';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

/** Every run, newest first. */
export function GET() {
  return handle(async () => json({ runs: await (await runs()).list() }));
}

/** Starts a run of the scenario in the body (JSON); 202 with the run. */
export function POST(request: Request) {
  return handle(async () => {
    requireSameOrigin(request);
    const rt = await runtime();
    requireWritable(rt.env.readonly);
    const scenario = scenarioOf(await readJson(request, z.unknown()));
    return json({ run: await (await runs()).start(scenario) }, 202);
  });
}
