import { CreateHostsSchema } from '@/lib/api/contract';
import { createHosts } from '@/lib/fleet/actions';
import { handle, json, readJson, requireSameOrigin, requireWritable } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** The fleet now: the same body the stream's `snapshot` carries. */
export function GET() {
  return handle(async () => json((await runtime()).hub.snapshotBody()));
}

/** Creates `count` fake hosts (BMC Secret + BareMetalHost each) as a job. */
export function POST(request: Request) {
  return handle(async () => {
    requireSameOrigin(request);
    const rt = await runtime();
    requireWritable(rt.env.readonly);
    const body = await readJson(request, CreateHostsSchema);
    return json({ job: await createHosts(rt.actions, body) }, 202);
  });
}
