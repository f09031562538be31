/**
 * A lean JSON client for the twin: lists, watches and many small writes, sent with undici
 * directly. The twin writes thousands of status patches a second in a storm (about three times
 * what client-node's generated request stack manages on one core), and the embedded cluster's
 * own process runs without loading client-node at all (it alone costs ~100 MB of memory).
 * Failures carry the HTTP code and Status body, as client-node's do (see errors.ts).
 */
import { Agent, request } from 'undici';
import type { CoreV1Event, V1Secret } from '@kubernetes/client-node';
import type { JsonPatchOp, KubeApi } from './api';
import { HttpStatusError, statusCode } from './errors';
import type { ListPage, Watcher } from './list-watch';
import { resourcePath, type HostResources, type KubeObject } from './object';

/** Where the API is and how to prove who we are. */
export interface Connection {
  server: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  token?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
  /** Extra headers (e.g. from an exec credential plugin, via client-node). */
  headers?: Record<string, string>;
  userAgent?: string;
}

const enc = encodeURIComponent;

/** `H` is the hosts' wire type, `resources` says where they are (this transport knows no resource of its own). */
export class RawKubeClient<H extends KubeObject = KubeObject> implements Watcher, KubeApi<H> {
  private readonly agent: Agent;
  private readonly headers: Record<string, string>;
  private readonly server: string;

  constructor(
    connection: Connection,
    private readonly resources: HostResources,
  ) {
    this.server = connection.server.replace(/\/+$/, '');
    this.agent = new Agent({
      connect: {
        ca: connection.ca,
        cert: connection.cert,
        key: connection.key,
        ...(connection.rejectUnauthorized !== undefined ? { rejectUnauthorized: connection.rejectUnauthorized } : {}),
        ...(connection.servername ? { servername: connection.servername } : {}),
      },
      keepAliveTimeout: 30_000,
      connections: 64,
    });
    this.headers = {
      ...Object.fromEntries(Object.entries(connection.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      ...(connection.token ? { authorization: `Bearer ${connection.token}` } : {}),
      accept: 'application/json',
      'user-agent': connection.userAgent ?? 'fleetscope-twin',
    };
  }

  bmhPath(namespace?: string): string {
    return resourcePath(this.resources.hosts, namespace);
  }

  secretPath(namespace?: string): string {
    return namespace ? `/api/v1/namespaces/${enc(namespace)}/secrets` : '/api/v1/secrets';
  }

  listBmhPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<H>> {
    return this.send('GET', `${this.bmhPath(namespace)}?${listQuery(limit, continueToken)}`);
  }

  listSecretPage(namespace: string | undefined, limit: number, continueToken?: string): Promise<ListPage<KubeObject>> {
    return this.send('GET', `${this.secretPath(namespace)}?${listQuery(limit, continueToken)}`);
  }

  getBmh(namespace: string, name: string): Promise<H> {
    return this.send('GET', `${this.bmhPath(namespace)}/${enc(name)}`);
  }

  createBmh(namespace: string, body: KubeObject): Promise<H> {
    return this.send('POST', this.bmhPath(namespace), body, 'application/json');
  }

  deleteBmh(namespace: string, name: string): Promise<unknown> {
    return this.send('DELETE', `${this.bmhPath(namespace)}/${enc(name)}`);
  }

  createSecret(namespace: string, body: V1Secret): Promise<V1Secret> {
    return this.send('POST', this.secretPath(namespace), body, 'application/json');
  }

  deleteSecret(namespace: string, name: string): Promise<unknown> {
    return this.send('DELETE', `${this.secretPath(namespace)}/${enc(name)}`);
  }

  listEvents(namespace: string, fieldSelector: string): Promise<{ items: CoreV1Event[] }> {
    return this.send('GET', `/api/v1/namespaces/${enc(namespace)}/events?${new URLSearchParams({ fieldSelector })}`);
  }

  async ensureNamespace(name: string): Promise<void> {
    try {
      await this.send('GET', `/api/v1/namespaces/${enc(name)}`);
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
      try {
        await this.send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, 'application/json');
      } catch (createError) {
        if (statusCode(createError) !== 409) throw createError;
      }
    }
  }

  patchBmhStatus(namespace: string, name: string, ops: JsonPatchOp[]): Promise<H> {
    return this.send('PATCH', `${this.bmhPath(namespace)}/${enc(name)}/status`, ops, 'application/json-patch+json');
  }

  patchBmh(namespace: string, name: string, patch: object): Promise<H> {
    return this.send('PATCH', `${this.bmhPath(namespace)}/${enc(name)}`, patch, 'application/merge-patch+json');
  }

  patchSecretStrategic(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.send('PATCH', `${this.secretPath(namespace)}/${enc(name)}`, patch, 'application/strategic-merge-patch+json');
  }

  createHardwareData(namespace: string, body: KubeObject): Promise<KubeObject> {
    return this.send('POST', resourcePath(this.resources.hardwareData, namespace), body, 'application/json');
  }

  patchHardwareData(namespace: string, name: string, patch: object): Promise<KubeObject> {
    return this.send('PATCH', `${resourcePath(this.resources.hardwareData, namespace)}/${enc(name)}`, patch, 'application/merge-patch+json');
  }

  createEvent(namespace: string, body: KubeObject): Promise<unknown> {
    return this.send('POST', `/api/v1/namespaces/${enc(namespace)}/events`, body, 'application/json');
  }

  /** client-node's Watch contract: events as they come, `done` once (null when the server ended it). */
  async watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
    onEvent: (type: string, object: unknown) => void,
    done: (error: unknown) => void,
  ): Promise<AbortController> {
    const controller = new AbortController();
    const query = new URLSearchParams({ watch: 'true' });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, String(v));
    let finished = false;
    const finish = (error: unknown) => {
      if (finished) return;
      finished = true;
      done(error);
    };
    try {
      const response = await request(`${this.server}${path}?${query}`, {
        dispatcher: this.agent,
        headers: this.headers,
        signal: controller.signal,
        bodyTimeout: 60_000,
      });
      if (response.statusCode !== 200) {
        const body = await response.body.text();
        finish(Object.assign(new HttpStatusError(response.statusCode, body), { statusCode: response.statusCode }));
        return controller;
      }
      readLines(response.body, (line) => {
        let event: { type: string; object: unknown };
        try {
          event = JSON.parse(line);
        } catch {
          return;
        }
        onEvent(event.type, event.object);
      });
      response.body.on('end', () => finish(null));
      response.body.on('close', () => finish(null));
      // An abort (stop, interrupt) is a normal end; so is a quiet watch (client-node's own
      // inactivity timeout says TimeoutError, which the list-watch resumes from).
      response.body.on('error', (error: Error & { code?: string }) => {
        if (controller.signal.aborted) finish(null);
        else if (error.code === 'UND_ERR_BODY_TIMEOUT') finish(Object.assign(new Error('the watch was quiet for too long'), { name: 'TimeoutError' }));
        else finish(error);
      });
    } catch (error) {
      finish(controller.signal.aborted ? null : error);
    }
    return controller;
  }

  async close(): Promise<void> {
    await this.agent.close().catch(() => {});
  }

  private async send<T>(method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown, contentType?: string): Promise<T> {
    const response = await request(`${this.server}${path}`, {
      method,
      dispatcher: this.agent,
      headers: contentType ? { ...this.headers, 'content-type': contentType } : this.headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new HttpStatusError(response.statusCode, text);
    return JSON.parse(text) as T;
  }
}

/**
 * Calls `onLine` for each non-empty line of a stream of UTF-8 JSON lines, splitting the bytes
 * itself: readline's per-chunk decoding and regular expression were a sixth of the dashboard's
 * watch time in a storm. A multi-byte character is never split, since '\n' is one byte in UTF-8.
 */
export function readLines(body: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest: Buffer | undefined;
  body.on('data', (chunk: Buffer) => {
    let start = 0;
    let end = chunk.indexOf(10);
    if (end === -1) {
      rest = rest ? Buffer.concat([rest, chunk]) : chunk;
      return;
    }
    if (rest) {
      const line = Buffer.concat([rest, chunk.subarray(0, end)]).toString('utf8');
      rest = undefined;
      if (line) onLine(line);
      start = end + 1;
      end = chunk.indexOf(10, start);
    }
    while (end !== -1) {
      if (end > start) onLine(chunk.toString('utf8', start, end));
      start = end + 1;
      end = chunk.indexOf(10, start);
    }
    if (start < chunk.length) rest = chunk.subarray(start);
  });
}

function listQuery(limit: number, continueToken?: string): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (continueToken) query.set('continue', continueToken);
  return query.toString();
}
