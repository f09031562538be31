import { errorResponse, handle, HttpError } from '@/lib/fleet/http';
import { runtime } from '@/lib/fleet/runtime';
import { LastEventIdError, openEventStream, parseLastEventId, SSE_HEADERS } from '@/lib/fleet/stream';

export const dynamic = 'force-dynamic';

/** Server-sent events: a snapshot (or what was missed since Last-Event-ID), then deltas. */
export function GET(request: Request) {
  return handle(async () => {
    const rt = await runtime();
    let lastEventId: number | undefined;
    try {
      lastEventId = parseLastEventId(request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('lastEventId'));
    } catch (error) {
      if (error instanceof LastEventIdError) throw new HttpError(400, 'invalid_last_event_id', error.message, 'Last-Event-ID');
      throw error;
    }
    const release = rt.streams.acquire();
    if (!release) {
      const error = new HttpError(503, 'too_many_streams', `this dashboard serves at most ${rt.streams.max} live streams (FLEET_MAX_STREAMS); try again shortly`);
      const response = errorResponse(error);
      response.headers.set('Retry-After', '5');
      return response;
    }
    const stream = openEventStream(rt.hub, lastEventId, request.signal, { onResync: () => rt.metrics.resyncs.inc(), onClose: release });
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
