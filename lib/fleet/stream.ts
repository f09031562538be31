import 'server-only';
/**
 * One SSE connection: a snapshot (or the missed messages after `Last-Event-ID`), then every hub
 * message. A client that stops reading costs O(1) memory: it is marked lagging, skips messages,
 * and when it reads again it catches up from the replay ring or gets a fresh snapshot.
 */
import { ApiError } from './api-error';
import type { EventHub, HubMessage } from './hub';
import { formatSse } from '../stream/sse';

export interface StreamOptions {
  heartbeatMs?: number;
  /** Bytes queued for the client before it counts as lagging. */
  highWaterMark?: number;
  /** A client that missed more messages than this gets one snapshot instead of the replay. */
  maxReplay?: number;
  onOpen?: () => void;
  onClose?: () => void;
  /** The client fell behind (it skips messages until it reads again). */
  onLag?: () => void;
  /** A lagging client's missed messages were gone from the ring: it got a fresh snapshot. */
  onResync?: () => void;
}

/** A `Last-Event-ID` this server did not send: 400, naming the header. */
export class LastEventIdError extends ApiError {
  constructor(message: string) {
    super(400, 'invalid_last_event_id', message, 'Last-Event-ID');
  }
}

/** `Last-Event-ID` is ours: a decimal sequence number. Anything else is refused. */
export function parseLastEventId(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (!/^\d{1,16}$/.test(value.trim())) throw new LastEventIdError('Last-Event-ID must be a decimal sequence number sent by this server');
  return Number(value.trim());
}

const encoder = new TextEncoder();

/**
 * What a client misses after `seq`: the replayed messages, or a snapshot when that is less work
 * (more than `maxReplay` messages, or gone from the ring: then `onResync` is told).
 */
function missedSince(hub: EventHub, seq: number | undefined, maxReplay: number, onResync?: () => void): { messages: HubMessage[]; last: number } {
  const replay = seq === undefined ? undefined : hub.since(seq);
  if (replay && replay.length <= maxReplay) return { messages: replay, last: replay.length ? replay[replay.length - 1]!.seq : seq! };
  if (seq !== undefined) onResync?.();
  const snapshot = hub.snapshot();
  return { messages: [snapshot], last: snapshot.seq };
}

export function openEventStream(hub: EventHub, lastEventId: number | undefined, signal: AbortSignal, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let lastSent = 0;
  let lagging = false;
  let closed = false;
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;

  const enqueue = (bytes: Uint8Array) => {
    if (!closed) controller.enqueue(bytes);
  };

  /** Sends what the client misses after `seq` (see `missedSince`). */
  const catchUp = (seq: number | undefined) => {
    const missed = missedSince(hub, seq, options.maxReplay ?? 100, options.onResync);
    for (const message of missed.messages) enqueue(message.bytes);
    lastSent = missed.last;
  };

  const onMessage = (message: HubMessage) => {
    if (closed || lagging) return;
    if ((controller.desiredSize ?? 1) <= 0) {
      lagging = true;
      options.onLag?.();
      return;
    }
    enqueue(message.bytes);
    lastSent = message.seq;
  };

  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    options.onClose?.();
  };
  /**
   * The client is gone (or the server stops): release the subscription and drop what is queued
   * (the snapshot may be tens of MB), which close() would keep until read, never to happen.
   */
  const end = () => {
    cleanup();
    try {
      controller.error(new Error('the stream ended'));
    } catch {
      // already closed
    }
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        // Aborted before the first byte (the client left while the route awaited): nothing to hold.
        if (signal.aborted) return end();
        // Headers go out with the first chunk, so write at once.
        enqueue(encoder.encode(formatSse({ retry: 2000, comment: 'fleetscope stream' })));
        catchUp(lastEventId);
        unsubscribe = hub.subscribe(onMessage, end);
        heartbeat = setInterval(() => {
          if (!lagging && (controller.desiredSize ?? 1) > 0) enqueue(encoder.encode(formatSse({ comment: 'heartbeat' })));
        }, options.heartbeatMs ?? 15_000);
        signal.addEventListener('abort', end, { once: true });
        options.onOpen?.();
      },
      pull() {
        if (lagging && !closed) {
          lagging = false;
          catchUp(lastSent);
        }
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: options.highWaterMark ?? 1024 * 1024 }),
  );
}

export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform also keeps Next's compression off the stream.
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};
