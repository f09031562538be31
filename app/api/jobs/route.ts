import { handle, json } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** Recent jobs, newest first (those of an earlier run too: see lib/fleet/job-store.ts). */
export function GET() {
  return handle(async () => json({ jobs: (await runtime()).jobs.list() }));
}
