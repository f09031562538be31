import { handle } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { openEventStream, parseLastEventId, SSE_HEADERS } from '@/lib/fleet/stream';

export const dynamic = 'force-dynamic';

/** Server-sent events: a snapshot (or what was missed since Last-Event-ID), then deltas. */
export function GET(request: Request) {
  return handle(async () => {
    const rt = await runtime();
    const lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId'));
    const stream = openEventStream(rt.hub, lastEventId, request.signal, { onResync: () => rt.metrics.resyncs.inc() });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}
