import { handle, json } from '@/lib/fleet/http';
import { compareByIds } from '@/lib/runs/api';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

/** Two or more runs side by side: `?ids=a,b`. */
export function GET(request: Request) {
  return handle(async () => json(await compareByIds(await runs(), new URL(request.url).searchParams.get('ids'))));
}
