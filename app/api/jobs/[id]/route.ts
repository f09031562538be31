import { handle, ApiError, json } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params;
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new ApiError(400, 'invalid_id', 'a job id is a UUID', 'id');
    const job = (await runtime()).jobs.get(id);
    if (!job) throw new ApiError(404, 'not_found', `no job ${id}`);
    return json(job);
  });
}
