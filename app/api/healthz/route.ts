import { handle, json } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

export function GET() {
  return handle(async () => {
    const info = (await runtime()).clusterInfo();
    return json({ ok: true, synced: info.synced, connection: info.connection });
  });
}
