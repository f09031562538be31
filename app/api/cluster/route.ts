import { handle, json } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** Which cluster, its connection state, the watch's progress, the twin's profile. */
export function GET() {
  return handle(async () => json((await runtime()).clusterInfo()));
}
