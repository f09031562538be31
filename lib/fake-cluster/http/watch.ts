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

export function serveWatch(req: IncomingMessage, res: ServerResponse, store: ClusterStore, options: WatchOptions): void {
  const { def, filter } = options;
  let lastRv = store.resourceVersion();
  let headersSentForTable = false;
  let closed = false;

  let replay: StoreEvent[] = [];
  let initial: StoredObject[] = [];
  let expired = false;
  const rvParam = options.resourceVersion;
  if (rvParam === null || rvParam === '' || rvParam === '0' || options.sendInitialEvents) {
    initial = store.list(def).filter(filter);
  } else {
    if (!/^\d+$/.test(rvParam)) throw errors.badRequest(`invalid resource version: "${rvParam}"`);
    // A resourceVersion from the future means this cluster restarted from an older state than
    // the client saw: its cache is not this cluster's past, so it must relist (410).
    const since = Number(rvParam) <= Number(store.resourceVersion()) ? store.eventsSince(Number(rvParam)) : undefined;
    if (since) replay = since.filter((e) => e.def === def);
    else expired = true;
    lastRv = rvParam;
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();

  const write = (line: string): void => {
    if (closed) return;
    res.write(line);
    if (res.writableLength > options.maxBufferedBytes) close();
  };

  const line = (type: string, object: StoredObject, json?: string): string => {
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

  const bookmark = (extra: Record<string, string> = {}): void => {
    const object = {
      kind: def.kind,
      apiVersion: apiVersionOf(def),
      metadata: { resourceVersion: lastRv, ...(Object.keys(extra).length ? { annotations: extra } : {}) },
    };
    write(`{"type":"BOOKMARK","object":${JSON.stringify(object)}}\n`);
  };

  // Events that happen while the initial list is still going out wait here, in order, as
  // references to stored objects (the replay of a resumed watch starts here too).
  let queued: StoreEvent[] | undefined = [...replay];
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

  if (expired) {
    const tooLarge = Number(rvParam) > Number(store.resourceVersion());
    const status = errors
      .gone(
        tooLarge
          ? `too large resource version: ${rvParam}, current: ${store.resourceVersion()}`
          : `too old resource version: ${rvParam} (${store.oldestResumableVersion()})`,
      )
      .toStatus();
    res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
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
  // Without timeoutSeconds (or with 0) the API server picks 30–60 minutes (its
  // min-request-timeout); a negative one ends the watch at once, as Go's timer does.
  const seconds = options.timeoutSeconds;
  const timeoutMs = seconds !== undefined && seconds !== 0 ? Math.max(0, seconds) * 1000 : (1800 + Math.random() * 1800) * 1000;
  armTimeout(timers, close, timeoutMs);
}

/** Node fires timers over 2^31-1 ms at once: a longer timeout (clients send days) is re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
function armTimeout(timers: NodeJS.Timeout[], close: () => void, ms: number): void {
  if (ms <= MAX_TIMER_MS) timers.push(setTimeout(close, ms));
  else timers.push(setTimeout(() => armTimeout(timers, close, ms - MAX_TIMER_MS), MAX_TIMER_MS));
}
