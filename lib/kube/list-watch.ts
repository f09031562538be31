/**
 * List-then-watch over a `Watcher` (the lean client's, or client-node's `Watch` for kubeconfigs with
 * credential plugins), for one resource path, that never silently stops:
 * paged (re)lists, bookmarks, resume from the last resourceVersion, `410 Gone` → relist, and
 * restart with backoff after any error (client-node's own informer stops for good on errors).
 *
 * It keeps no cache: the sink gets the full list on every (re)list and each event after it,
 * so consumers store only the projection they need.
 */

/** The watch's connection, as `GET /api/cluster` and the stream's `cluster` message show it. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string; _continue?: string };
}

/**
 * What a sink does with a (re)list: every listed object is upserted, then whatever it held
 * that the list no longer has is gone. Returns the listed keys.
 */
export function applyRelist<T>(
  items: T[],
  keyOf: (item: T) => string,
  held: Iterable<string>,
  apply: { upsert: (key: string, item: T) => void; remove: (key: string) => void },
): Set<string> {
  const listed = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    listed.add(key);
    apply.upsert(key, item);
  }
  const gone: string[] = [];
  for (const key of held) if (!listed.has(key)) gone.push(key);
  for (const key of gone) apply.remove(key);
  return listed;
}

export interface ListWatchSink<T> {
  /** Called after every (re)list with all objects: whatever is not in it is gone. */
  replace(items: T[], resourceVersion: string): void;
  event(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: T): void;
  /** Connection changes, for the `cluster` stream events and `/api/cluster`. */
  state?(state: ConnectionState, detail: { error?: string }): void;
}

/** What streams watch events: client-node's `Watch`, or the lean client's `watch`. */
export interface Watcher {
  watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- client-node's own signature
    callback: (phase: string, apiObj: any) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController>;
}

export interface ListWatchOptions<T> {
  watcher: Watcher;
  /** Watch path, e.g. `/apis/metal3.io/v1alpha1/baremetalhosts`. */
  path: string;
  /** One page of the list; `continueToken` is undefined for the first page. */
  listPage: (options: { limit: number; continueToken?: string }) => Promise<ListPage<T>>;
  sink: ListWatchSink<T>;
  pageSize?: number;
  /** Waits between retries; replaceable in tests. */
  delay?: (ms: number) => Promise<void>;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface ListWatchStats {
  state: ConnectionState;
  lastError?: string;
  lastEventAt?: number;
  resourceVersion?: string;
  lists: number;
  watchRestarts: number;
  events: number;
  gone: number;
}

class Gone extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}

export class ListWatch<T extends { metadata?: { resourceVersion?: string } }> {
  readonly stats: ListWatchStats = { state: 'connecting', lists: 0, watchRestarts: 0, events: 0, gone: 0 };
  private stopped = false;
  private abort?: AbortController;
  private wake?: () => void;
  private interrupted = false;
  private readonly watch: Watcher;
  private readonly delay: (ms: number) => Promise<void>;

  constructor(private readonly options: ListWatchOptions<T>) {
    this.watch = options.watcher;
    this.delay = options.delay ?? sleep;
  }

  /** Runs until `stop()`; never rejects. */
  async run(): Promise<void> {
    const minBackoff = this.options.minBackoffMs ?? 500;
    let backoff = minBackoff;
    let rv: string | undefined;
    for (let attempt = 0; !this.stopped; attempt++) {
      if (attempt > 0) this.stats.watchRestarts++;
      const startedAt = Date.now();
      try {
        if (rv === undefined) rv = await this.list();
        const ended = await this.watchFrom(rv, (next) => {
          rv = next;
          backoff = minBackoff;
        });
        if (ended.kind === 'gone') {
          this.stats.gone++;
          rv = undefined;
        } else if (Date.now() - startedAt < 1000) {
          // A server that keeps closing watches at once must not make us spin.
          await this.pause(backoff);
          backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 30_000);
        }
      } catch (error) {
        if (this.stopped) break;
        if (error instanceof Gone) {
          this.stats.gone++;
          rv = undefined;
          continue;
        }
        this.setState('reconnecting', errorText(error));
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
  }

  private pause(ms: number): Promise<void> {
    return Promise.race([this.delay(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Cuts the current watch (tests and fault injection); the loop resumes it. */
  interrupt(): void {
    this.interrupted = true;
    this.abort?.abort();
  }

  private setState(state: ConnectionState, error?: string): void {
    const changed = state !== this.stats.state || error !== this.stats.lastError;
    this.stats.state = state;
    this.stats.lastError = error;
    if (changed) this.options.sink.state?.(state, { error });
  }

  private async list(): Promise<string> {
    const items: T[] = [];
    let continueToken: string | undefined;
    let rv = '';
    do {
      const page = await this.options.listPage({ limit: this.options.pageSize ?? 500, continueToken });
      items.push(...page.items);
      rv = page.metadata?.resourceVersion ?? rv;
      continueToken = page.metadata?._continue ?? page.metadata?.continue;
    } while (continueToken);
    if (this.stopped) return rv;
    this.stats.lists++;
    this.stats.resourceVersion = rv;
    this.options.sink.replace(items, rv);
    return rv;
  }

  private watchFrom(rv: string, progressed: (rv: string) => void): Promise<{ kind: 'closed' | 'gone' }> {
    return new Promise((resolve, reject) => {
      let gone = false;
      let connected = false;
      let finished = false;
      this.interrupted = false;
      const done = (error: unknown) => {
        finished = true;
        const name = (error as Error | undefined)?.name;
        if (gone) resolve({ kind: 'gone' });
        else if ((error as { statusCode?: number } | undefined)?.statusCode === 410) reject(new Gone());
        else if (!error || this.stopped || this.interrupted) resolve({ kind: 'closed' });
        // client-node's inactivity timeout: a normal resume once the watch had opened.
        else if (name === 'TimeoutError' && connected) resolve({ kind: 'closed' });
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const onEvent = (type: string, object: T & { code?: number }) => {
        this.stats.lastEventAt = Date.now();
        if (type === 'ERROR') {
          if (object?.code === 410) gone = true;
          this.abort?.abort();
          return;
        }
        const next = object?.metadata?.resourceVersion;
        if (next) {
          this.stats.resourceVersion = next;
          progressed(next);
        }
        if (type === 'BOOKMARK') return;
        this.stats.events++;
        try {
          this.options.sink.event(type as 'ADDED' | 'MODIFIED' | 'DELETED', object);
        } catch (error) {
          // client-node swallows callback exceptions; make them visible instead.
          console.error('[list-watch] sink failed', error);
        }
      };
      this.watch
        .watch(this.options.path, { resourceVersion: rv, allowWatchBookmarks: true }, onEvent, done)
        .then((controller) => {
          this.abort = controller;
          if (this.stopped) controller.abort();
          // The server answered 200: the watch is open, even before its first event.
          if (!finished) {
            connected = true;
            this.setState('live');
          }
        })
        .catch(reject);
    });
  }
}
