import { z } from 'zod';
import { handle, json, mutation } from '@/lib/fleet/http';
import { scenarioOf } from '@/lib/runs/api';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

/** Every run, newest first. */
export function GET() {
  return handle(async () => json({ runs: await (await runs()).list() }));
}

/** Starts a run of the scenario in the body (JSON, checked by lib/runs/scenario.ts); 202 with the run. */
export const POST = mutation({ body: z.unknown() }, async (_rt, body) => json({ run: await (await runs()).start(scenarioOf(body)) }, 202));
