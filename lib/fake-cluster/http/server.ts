/** The embedded cluster's HTTP server: a Kubernetes API on 127.0.0.1 that kubectl and client-node accept. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { ApiError, errors } from '../api-error';
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from '../discovery';
import { ListPages } from '../list-pages';
import { openApiV3Document, openApiV3Index } from '../openapi';
import type { ClusterStore } from '../store';
import { handleResource, type HandlerContext } from './handlers';
import { sendError, sendJson } from './io';
import { matchResourcePath } from './route';

export interface ApiServerOptions {
  store: ClusterStore;
  /** Bearer token every API request must carry (the kubeconfig has it). */
  token: string;
  /** PEM serving certificate and key (kubectl sends credentials over TLS only). */
  tls: { certPem: string; keyPem: string };
  host?: string;
  port?: number;
  now?: () => Date;
  bookmarkIntervalMs?: number;
  maxWatchBufferedBytes?: number;
  /** Called before each API request; throwing an ApiError answers with it (fault injection in tests). */
  beforeRequest?: (req: IncomingMessage) => void | Promise<void>;
}

export interface RunningApiServer {
  url: string;
  port: number;
  server: Server;
  /** Ends every open watch, as an API server restart or a load balancer would. */
  dropWatches(): void;
  close(): Promise<void>;
}

const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);

function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * kubectl 1.27 and 1.28 read OpenAPI v2 (as protobuf) before `apply`, and fail without it. The
 * schemas live in OpenAPI v3, which kubectl reads for validation and `explain`; v2 is an empty
 * document (zero bytes are an empty protobuf message), so kubectl falls back to its built-in
 * types for strategic merge and to JSON merge for BareMetalHosts, as with any CRD.
 */
function sendOpenApiV2(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET') throw errors.methodNotAllowed();
  if ((req.headers.accept ?? '').includes('protobuf')) {
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': '0' });
    res.end();
    return;
  }
  sendJson(res, 200, { swagger: '2.0', info: { title: 'Fleetscope embedded cluster', version: SERVER_VERSION.gitVersion }, paths: {}, definitions: {} });
}

/** Open sockets, so `close()` can end keep-alive connections and open watches at once. */
function trackSockets(server: Server): Set<{ destroy(): void }> {
  const sockets = new Set<{ destroy(): void; on(event: 'close', fn: () => void): unknown }>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return sockets;
}

export function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
  const now = options.now ?? (() => new Date());
  const ctx: HandlerContext = {
    store: options.store,
    pages: new ListPages(() => now().getTime()),
    now,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
    maxWatchBufferedBytes: options.maxWatchBufferedBytes ?? 32 * 1024 * 1024,
    watches: new Set(),
  };
  const host = options.host ?? '127.0.0.1';
  let address = `${host}:${options.port ?? 6443}`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (PUBLIC_PATHS.has(path)) {
      if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (!authorized(req, options.token)) {
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    await options.beforeRequest?.(req);
    const resources = options.store.resources;
    const discovery = discover(path, resources, address);
    if (discovery !== undefined) {
      if (req.method !== 'GET') throw errors.methodNotAllowed();
      return sendJson(res, 200, discovery);
    }
    if (path === '/openapi/v2') return sendOpenApiV2(req, res);
    if (path === '/openapi/v3') return sendJson(res, 200, openApiV3Index(resources));
    if (path.startsWith('/openapi/v3/')) {
      const doc = openApiV3Document(resources, path.slice('/openapi/v3/'.length));
      if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      return sendJson(res, 200, doc);
    }
    const match = matchResourcePath(path, resources);
    if (match.kind === 'unknown') throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    await handleResource(ctx, req, res, match.route, url.searchParams);
  }

  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => {
    route(req, res).catch((error: unknown) => sendError(res, error));
  });
  // Watches are long-lived; the API server does not time requests out on its own.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  const sockets = trackSockets(server);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 6443, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      address = `${host}:${port}`;
      resolve({
        url: `https://${host}:${port}`,
        port,
        server,
        dropWatches: () => {
          for (const close of [...ctx.watches]) close();
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            for (const socket of sockets) socket.destroy();
            // Clients that keep reconnecting must not hold a shutdown forever.
            setTimeout(done, 2000).unref();
          }),
      });
    });
  });
}

function discover(path: string, resources: ClusterStore['resources'], address: string): unknown {
  if (path === '/api') return apiVersions(address);
  if (path === '/apis') return apiGroupList(resources);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length === 2) return apiResourceList(resources, '', parts[1]!) ?? undefined;
  if (parts[0] === 'apis' && parts.length === 2) return apiGroupDocument(resources, parts[1]!);
  if (parts[0] === 'apis' && parts.length === 3) return apiResourceList(resources, parts[1]!, parts[2]!);
  return undefined;
}
