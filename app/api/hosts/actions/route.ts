import { HostActionSchema, type JobStartedResponse } from '@/lib/api/contract';
import { runHostAction } from '@/lib/fleet/actions';
import { json, mutation } from '@/lib/fleet/http';

export const dynamic = 'force-dynamic';

/** provision, deprovision, power-on, power-off, … on listed hosts or on a `where` filter, as a job. */
export const POST = mutation({ body: HostActionSchema }, async (rt, body) => json({ job: runHostAction(rt.actions, body) } satisfies JobStartedResponse, 202));
