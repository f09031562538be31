import { handle, ApiError, json } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** Host counts per second (up to an hour), optionally only after `since` (epoch ms). */
export function GET(request: Request) {
  return handle(async () => {
    const since = new URL(request.url).searchParams.get('since');
    if (since !== null && !/^\d{1,15}$/.test(since)) throw new ApiError(400, 'invalid_since', 'since must be epoch milliseconds', 'since');
    const series = (await runtime()).model.series;
    return json({ points: since === null ? series.all() : series.since(Number(since)) });
  });
}
