import { handle, json, MUTATION_GUARDS, readJson, requireWritable } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { CancelSchema, requireRunId } from '@/lib/runs/api';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

/**
 * Cancels a run; what it created stays unless the body asks for `{"cleanup": true}`. The body is
 * optional (a bare POST cancels), so this route runs the mutation guards itself.
 */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    for (const guard of MUTATION_GUARDS) guard(request);
    const rt = await runtime();
    requireWritable(rt.env.readonly);
    const id = requireRunId((await params).id);
    const hasBody = (request.headers.get('content-length') ?? '0') !== '0' || request.headers.has('content-type');
    const body = hasBody ? await readJson(request, CancelSchema) : {};
    return json({ run: await (await runs()).cancel(id, body.cleanup ?? false) });
  });
}
