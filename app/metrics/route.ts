import { handle } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';

export const dynamic = 'force-dynamic';

/** Prometheus text format. */
export function GET() {
  return handle(async () => {
    const { registry } = (await runtime()).metrics;
    return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
  });
}
