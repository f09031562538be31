import { CreateHostsSchema, type HostsResponse, type JobStartedResponse } from '@/lib/api/contract';
import { createHosts } from '@/lib/fleet/actions';
import { handle, json, mutation } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** The fleet now: the same body the stream's `snapshot` carries. */
export function GET() {
  return handle(async () => json((await runtime()).hub.snapshotBody() satisfies HostsResponse));
}

/** Creates `count` fake hosts (BMC Secret + BareMetalHost each) as a job. */
export const POST = mutation({ body: CreateHostsSchema }, async (rt, body) =>
  json({ job: await createHosts(rt.actions, body) } satisfies JobStartedResponse, 202),
);
