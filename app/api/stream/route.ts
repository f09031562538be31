import { ApiError, errorResponse, handle } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { openEventStream, parseLastEventId, SSE_HEADERS } from '@/lib/fleet/stream';

export const dynamic = 'force-dynamic';

/** Server-sent events: a snapshot (or what was missed since Last-Event-ID), then deltas. */
export function GET(request: Request) {
  return handle(async () => {
    const rt = await runtime();
    const lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId'));
    const release = rt.streams.acquire();
    if (!release) {
      const response = errorResponse(
        new ApiError(503, 'too_many_streams', `this dashboard serves at most ${rt.streams.max} live streams (FLEET_MAX_STREAMS); try again shortly`),
      );
      response.headers.set('Retry-After', '5');
      return response;
    }
    const stream = openEventStream(rt.hub, lastEventId, AbortSignal.any([request.signal, rt.stopping]), {
      onResync: () => rt.metrics.resyncs.inc(),
      onClose: release,
    });
    return new Response(stream, { headers: SSE_HEADERS });
  });
}

/**
 * HEAD answers the headers and opens nothing. Without it Next runs GET and drops the body
 * unread and uncancelled: each HEAD left a subscription holding its snapshot (issue 16).
 */
export function HEAD() {
  return new Response(null, { headers: SSE_HEADERS });
}
