/**
 * `?watch=true`: newline-delimited watch events, resumable from a resourceVersion, with
 * bookmarks, timeouts, `410 Gone` once history is compacted, and slow watchers cut off the way
 * the API server's watch cache does it (the client resumes from its last resourceVersion).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../api-error';
import type { StoreEvent } from '../event-log';
import type { ObjectFilter } from '../object-filter';
import { apiVersionOf, type ResourceDef } from '../resources';
import type { ClusterStore } from '../store';
import { tableRow, columnDefinitions, type IncludeObject } from '../table';
import type { StoredObject, WatchEventType } from '../../kube/object';

export interface WatchOptions {
  def: ResourceDef;
  filter: ObjectFilter;
  resourceVersion: string | null;
  sendInitialEvents: boolean;
  allowBookmarks: boolean;
  timeoutSeconds: number | undefined;
  table: { include: IncludeObject } | undefined;
  now: () => Date;
  bookmarkIntervalMs: number;
  /** Bytes queued for one watcher before it is cut off. */
  maxBufferedBytes: number;
  /** Where the open watch registers its close function. */
  registry?: Set<() => void>;
}

// Every watcher gets each event in turn, synchronously: a one-entry cache serialises it once
// for all of them without keeping the text alive in the event log.
let lastEvent: StoreEvent | undefined;
let lastJson = '';
function objectJson(event: StoreEvent): string {
  if (event !== lastEvent) {
    lastJson = JSON.stringify(event.object);
    lastEvent = event;
  }
  return lastJson;
}

/** What a filtered watcher sees of an event: objects leaving the selection become DELETED. */
function visibleType(event: StoreEvent, filter: ObjectFilter): WatchEventType | undefined {
  const now = filter(event.object);
  if (event.type !== 'MODIFIED') return now ? event.type : undefined;
  const before = event.previous ? filter(event.previous) : now;
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

/** Events kept for a watcher still reading its initial list; past this it is cut off and relists. */
const MAX_QUEUED_EVENTS = 100_000;

/** Where a watch starts: the initial list, or the replay of a resumed watch (expired once compacted). */
interface StartPoint {
  initial: StoredObject[];
  replay: StoreEvent[];
  expired: boolean;
  lastRv: string;
}

function startPoint(store: ClusterStore, options: WatchOptions): StartPoint {
  const { def, filter } = options;
  const rvParam = options.resourceVersion;
  if (rvParam === null || rvParam === '' || rvParam === '0' || options.sendInitialEvents) {
    return { initial: store.list(def).filter(filter), replay: [], expired: false, lastRv: store.resourceVersion() };
  }
  if (!/^\d+$/.test(rvParam)) throw errors.badRequest(`invalid resource version: "${rvParam}"`);
  // A resourceVersion from the future means this cluster restarted from an older state than
  // the client saw: its cache is not this cluster's past, so it must relist (410).
  const since = Number(rvParam) <= Number(store.resourceVersion()) ? store.eventsSince(Number(rvParam), def) : undefined;
  return { initial: [], replay: since ?? [], expired: !since, lastRv: rvParam };
}

/** The `410 Gone` a watch from a compacted (or future) resourceVersion ends with. */
function expiredLine(store: ClusterStore, def: ResourceDef, rvParam: string | null): string {
  const tooLarge = Number(rvParam) > Number(store.resourceVersion());
  const status = errors
    .gone(
      tooLarge
        ? `too large resource version: ${rvParam}, current: ${store.resourceVersion()}`
        : `too old resource version: ${rvParam} (${store.oldestResumableVersion(def)})`,
    )
    .toStatus();
  return `{"type":"ERROR","object":${JSON.stringify(status)}}\n`;
}

/** Formats event lines; a Table watch sends its column definitions with the first row only. */
function lineFormatter(options: WatchOptions): (type: string, object: StoredObject, json?: string) => string {
  const { def } = options;
  let headersSentForTable = false;
  return (type, object, json) => {
    if (options.table && type !== 'BOOKMARK' && type !== 'ERROR') {
      const table = {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata: { resourceVersion: object.metadata.resourceVersion },
        ...(headersSentForTable ? {} : { columnDefinitions: columnDefinitions(def) }),
        rows: [tableRow(def, object, options.now(), options.table.include)],
      };
      headersSentForTable = true;
      return `{"type":"${type}","object":${JSON.stringify(table)}}\n`;
    }
    return `{"type":"${type}","object":${json ?? JSON.stringify(object)}}\n`;
  };
}

function bookmarkLine(def: ResourceDef, resourceVersion: string, extra: Record<string, string>): string {
  const object = {
    kind: def.kind,
    apiVersion: apiVersionOf(def),
    metadata: { resourceVersion, ...(Object.keys(extra).length ? { annotations: extra } : {}) },
  };
  return `{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`;
}

export function serveWatch(req: IncomingMessage, res: ServerResponse, store: ClusterStore, options: WatchOptions): void {
  const { def, filter } = options;
  let closed = false;
  const start = startPoint(store, options);
  let { initial, lastRv } = start;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  // Lines written in one turn of the event loop leave as one chunk: a storm writes thousands of
  // events a second, and one TLS record and one chunk header per event cost more than the event.
  let pending: string[] = [];
  const flush = (): void => {
    const lines = pending;
    pending = [];
    if (closed || lines.length === 0) return;
    res.write(lines.length === 1 ? lines[0]! : lines.join(''));
    if (res.writableLength > options.maxBufferedBytes) close();
  };
  const write = (line: string): void => {
    if (closed) return;
    if (pending.push(line) === 1) setImmediate(flush);
  };

  const line = lineFormatter(options);

  const bookmark = (extra: Record<string, string> = {}): void => write(bookmarkLine(def, lastRv, extra));

  // Events that happen while the initial list is still going out wait here, in order, as
  // references to stored objects (the replay of a resumed watch starts here too).
  let queued: StoreEvent[] | undefined = [...start.replay];
  const send = (event: StoreEvent): void => {
    if (event.def !== def) return;
    if (queued) {
      queued.push(event);
      if (queued.length > MAX_QUEUED_EVENTS) close();
      return;
    }
    const type = visibleType(event, filter);
    lastRv = String(event.rv);
    if (!type) return;
    write(line(type, event.object, options.table ? undefined : objectJson(event)));
  };

  if (start.expired) {
    res.end(expiredLine(store, def, options.resourceVersion));
    return;
  }

  const unsubscribe = store.subscribe(send);
  const timers: NodeJS.Timeout[] = [];
  function close(): void {
    if (closed) return;
    closed = true;
    options.registry?.delete(close);
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    res.end();
  }
  req.on('close', close);
  res.on('close', close);
  options.registry?.add(close);

  // The initial list goes out as fast as the client reads it, not all at once: a slow watcher
  // holds one socket buffer, not a serialised copy of the whole list (100 of them: 4.35 GB).
  let next = 0;
  const pump = (): void => {
    while (!closed && next < initial.length) {
      const ok = res.write(line('ADDED', initial[next++]!));
      if (!ok) return void res.once('drain', pump);
    }
    if (closed) return;
    initial = [];
    if (options.sendInitialEvents && options.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
    const waiting = queued ?? [];
    queued = undefined;
    for (const event of waiting) send(event);
  };
  pump();

  if (options.allowBookmarks) {
    const tick = setInterval(() => bookmark(), options.bookmarkIntervalMs);
    timers.push(tick as unknown as NodeJS.Timeout);
  }
  armTimeout(timers, close, watchTimeoutMs(options.timeoutSeconds));
}

/**
 * Without timeoutSeconds (or with 0) the API server picks 30–60 minutes (its
 * min-request-timeout); a negative one ends the watch at once, as Go's timer does.
 */
function watchTimeoutMs(seconds: number | undefined): number {
  return seconds !== undefined && seconds !== 0 ? Math.max(0, seconds) * 1000 : (1800 + Math.random() * 1800) * 1000;
}

/** Node fires timers over 2^31-1 ms at once: a longer timeout (clients send days) is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
function armTimeout(timers: NodeJS.Timeout[], close: () => void, ms: number): void {
  if (ms <= MAX_TIMER_MS) timers.push(setTimeout(close, ms));
  else timers.push(setTimeout(() => armTimeout(timers, close, ms - MAX_TIMER_MS), MAX_TIMER_MS));
}
