import 'server-only';
/**
 * The event hub between the fleet model and the SSE clients. Host changes are coalesced per
 * host: one host goes out at most every 100 ms, its changes in between merged. Deltas leave every
 * 50 ms while the fleet is busy (at once when the stream was quiet), so a change waits ~25 ms
 * on average instead of ~50; a known host goes out as a patch of the fields that changed. Every
 * message gets the next sequence number, is encoded once, kept in a bounded replay ring and
 * handed to every subscriber.
 *
 * Sequence numbers start from the clock (µs) so that ids from an earlier server process are
 * never mistaken for this one's: they are older than anything in the ring and get a snapshot.
 */
import { countHosts } from '../bmh/counts';
import type { FleetIndex } from '../bmh/fleet-index';
import { diffView, type HostPatch } from '../bmh/host-patch';
import type { HostKey, HostView } from '../bmh/host-view';
import type { HostsResponse } from '../api/contract';
import type { StreamEventName, StreamPayloads } from '../stream/protocol';
import { encodeSnapshot } from '../stream/snapshot-codec';
import { formatSse } from '../stream/sse';

export interface HubMessage {
  seq: number;
  event: StreamEventName;
  bytes: Uint8Array;
}

export type Subscriber = (message: HubMessage) => void;

export interface HubOptions {
  /** How often deltas leave while changes keep coming (default 50 ms). */
  flushMs?: number;
  /** The least time between two deltas that carry the same host (default 100 ms). */
  hostIntervalMs?: number;
  /** Replay ring bounds. */
  replayMessages?: number;
  replayBytes?: number;
  now?: () => number;
  /** Measures watch event → SSE message latency (for metrics). */
  onFlush?: (info: { hosts: number; bytes: number; oldestChangeAt: number }) => void;
}

const encoder = new TextEncoder();

export class EventHub {
  private seq: number;
  private readonly pending = new Map<string, { key: HostKey; view: HostView | undefined; at: number }>();
  /** Each host as the last delta left it (a reference to its immutable view), and when it went out. */
  private readonly published = new Map<string, { view: HostView; at: number }>();
  private lastFlushAt = 0;
  private readonly ring: HubMessage[] = [];
  private ringBytes = 0;
  /** Each subscriber with what ends it when the hub closes (server shutdown). */
  private readonly subscribers = new Map<Subscriber, (() => void) | undefined>();
  private timer?: NodeJS.Timeout;
  /** The encoded snapshot of the last sequence number: every client connecting before the next message shares it. */
  private snapshotCache?: { seq: number; bytes: Uint8Array };
  private readonly now: () => number;

  constructor(
    private readonly index: FleetIndex,
    private readonly options: HubOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.seq = this.now() * 1000;
  }

  get currentSeq(): number {
    return this.seq;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A host changed or went away; it goes out with the next delta. */
  noteChange(key: string, view: HostView | undefined): void {
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    this.pending.set(key, { key: { namespace, name }, view, at: this.pending.get(key)?.at ?? this.now() });
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.pending.size === 0) return;
    // Quiet stream: go out now (after this tick's other changes); busy stream: every flushMs.
    const wait = Math.max(0, this.lastFlushAt + (this.options.flushMs ?? 50) - this.now());
    this.timer = setTimeout(() => this.flush(false), wait);
  }

  /**
   * Sends pending changes now. The timer leaves a host that went out less than `hostIntervalMs`
   * ago for a later delta; `force` (tests, shutdown) sends everything.
   */
  flush(force = true): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const now = this.now();
    const hostInterval = this.options.hostIntervalMs ?? 100;
    const upserts: HostView[] = [];
    const patches: HostPatch[] = [];
    const deletes: HostKey[] = [];
    let hosts = 0;
    let oldestChangeAt = now;
    for (const [id, { key, view, at }] of this.pending) {
      const before = this.published.get(id);
      if (!force && before && now - before.at < hostInterval) continue;
      this.pending.delete(id);
      hosts++;
      oldestChangeAt = Math.min(oldestChangeAt, at);
      if (!view) {
        deletes.push(key);
        this.published.delete(id);
        continue;
      }
      if (before && before.view.uid === view.uid) {
        const patch = diffView(before.view, view);
        if (patch) patches.push(patch);
      } else {
        upserts.push(view);
      }
      this.published.set(id, { view, at: now });
    }
    this.lastFlushAt = now;
    this.schedule();
    if (upserts.length + patches.length + deletes.length === 0) return;
    const message = this.publish('delta', (seq) => ({ seq, upserts, ...(patches.length ? { patches } : {}), deletes, counts: this.index.counts }));
    this.options.onFlush?.({ hosts, bytes: message.bytes.length, oldestChangeAt });
  }

  /** Assigns the next sequence number, encodes once, keeps it for replay and sends it to everyone. */
  publish<E extends Exclude<StreamEventName, 'snapshot'>>(event: E, data: (seq: number) => StreamPayloads[E]): HubMessage {
    const seq = ++this.seq;
    const bytes = encoder.encode(formatSse({ id: seq, event, data: JSON.stringify(data(seq)) }));
    const message: HubMessage = { seq, event, bytes };
    this.ring.push(message);
    this.ringBytes += bytes.length;
    const maxMessages = this.options.replayMessages ?? 3000;
    const maxBytes = this.options.replayBytes ?? 16 * 1024 * 1024;
    while (this.ring.length > 1 && (this.ring.length > maxMessages || this.ringBytes > maxBytes)) {
      this.ringBytes -= this.ring.shift()!.bytes.length;
    }
    for (const subscriber of [...this.subscribers.keys()]) subscriber(message);
    return message;
  }

  /**
   * The fleet as the messages up to `seq` left it, as a `snapshot` message. Not the fleet model's
   * current state: changes still pending go out in the next delta as a diff against what was
   * published, so a snapshot that already held them would stay wrong (a field going A→B→A within
   * one flush left such clients on B for ever). Snapshot + the deltas after it = GET /api/hosts.
   */
  snapshot(): HubMessage {
    const cached = this.snapshotCache;
    if (cached && cached.seq === this.seq) return { seq: cached.seq, event: 'snapshot', bytes: cached.bytes };
    const hosts = Array.from(this.published.values(), (p) => p.view);
    // Rows, not objects (lib/stream/snapshot-codec.ts): a third of the bytes to encode, send and parse.
    const data = encodeSnapshot({ seq: this.seq, hosts, counts: countHosts(hosts) });
    const bytes = encoder.encode(formatSse({ id: this.seq, event: 'snapshot', data }));
    this.snapshotCache = { seq: this.seq, bytes };
    return { seq: this.seq, event: 'snapshot', bytes };
  }

  /** What `GET /api/hosts` answers: the fleet model now (what every stream client converges to). */
  snapshotBody(): HostsResponse {
    return { seq: this.seq, hosts: this.index.list(), counts: this.index.counts };
  }

  /** Messages after `seq`, or undefined when the ring no longer reaches back that far. */
  since(seq: number): HubMessage[] | undefined {
    if (seq === this.seq) return [];
    if (seq > this.seq) return undefined;
    const first = this.ring[0];
    if (!first || seq < first.seq - 1) return undefined;
    return this.ring.filter((m) => m.seq > seq);
  }

  subscribe(subscriber: Subscriber, onClose?: () => void): () => void {
    this.subscribers.set(subscriber, onClose);
    return () => this.subscribers.delete(subscriber);
  }

  /** Stops the hub and ends every stream (their onClose), so none holds a snapshot or a timer. */
  close(): void {
    clearTimeout(this.timer);
    const closers = [...this.subscribers.values()];
    this.subscribers.clear();
    for (const close of closers) close?.();
  }
}
