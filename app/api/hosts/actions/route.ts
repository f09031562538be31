import { HostActionSchema } from '@/lib/api/contract';
import { runHostAction } from '@/lib/fleet/actions';
import { handle, json, readJson, requireSameOrigin, requireWritable } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** provision, deprovision, power-on, power-off, … on listed hosts or on a `where` filter, as a job. */
export function POST(request: Request) {
  return handle(async () => {
    requireSameOrigin(request);
    const rt = await runtime();
    requireWritable(rt.env.readonly);
    const body = await readJson(request, HostActionSchema);
    return json({ job: runHostAction(rt.actions, body) }, 202);
  });
}
