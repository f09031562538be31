/** The verbs on a resource path: get, list, watch, create, update, patch, delete, deletecollection. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errors } from '../api-error';
import type { ListPages } from '../list-pages';
import { makeFilter } from '../object-filter';
import { decodeKubeProtobuf } from '../protobuf';
import { jsonPatch, mergePatch, patchTypeOf, strategicMergePatch } from '../patch';
import { apiVersionOf } from '../resources';
import type { ClusterStore } from '../store';
import { toTable } from '../table';
import { mediaType, parseBody, readBody, sendJson, wantsTable } from './io';
import { checkDeleteOptions, goQueryInt, listOptions, writeQuery, type ListOptions } from './query';
import type { ResourceRoute } from './route';
import { serveWatch } from './watch';
import { isPlainObject, type KubeObject, type StoredObject } from '../../kube/object';

export interface HandlerContext {
  store: ClusterStore;
  pages: ListPages;
  now: () => Date;
  bookmarkIntervalMs: number;
  maxWatchBufferedBytes: number;
  /** Open watches, each by its close function (so faults can cut them all). */
  watches: Set<() => void>;
}

function includeObject(query: URLSearchParams) {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') throw errors.badRequest(`invalid includeObject: "${value}"`);
  return value;
}

async function readObject(req: IncomingMessage): Promise<KubeObject> {
  const media = mediaType(req.headers['content-type']);
  if (media === 'application/vnd.kubernetes.protobuf') return decodeKubeProtobuf(await readBody(req));
  if (media !== 'application/json' && media !== 'application/yaml') {
    throw errors.unsupportedMediaType(media);
  }
  const body = parseBody(await readBody(req), req.headers['content-type'], true);
  if (!isPlainObject(body)) throw errors.badRequest('the request body must be a JSON object');
  return body as KubeObject;
}

function checkKind(route: ResourceRoute, body: KubeObject): void {
  const def = route.def;
  if (body.kind !== undefined && body.kind !== def.kind) {
    throw errors.badRequest(`the object provided is unrecognized (must be of type ${def.kind}): kind ${String(body.kind)}`);
  }
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(def)) {
    throw errors.badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersionOf(def)})`);
  }
}

function list(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams, options: ListOptions): void {
  const { def } = route;
  const filter = makeFilter(def, route.namespace, options.labelSelector, options.fieldSelector);
  requireExactVersion(ctx, options);
  const listQuery = JSON.stringify([def.plural, def.group, route.namespace, options.labelSelector, options.fieldSelector]);
  const page = ctx.pages.page(listQuery, options.limit, options.continueToken, () => ({
    objects: ctx.store.list(def, route.namespace).filter(filter),
    resourceVersion: ctx.store.resourceVersion(),
  }));
  if (wantsTable(req.headers.accept)) {
    sendJson(
      res,
      200,
      toTable(def, page.items, { now: ctx.now(), include: includeObject(query), resourceVersion: page.resourceVersion, continueToken: page.continueToken }),
    );
    return;
  }
  const metadata = {
    resourceVersion: page.resourceVersion,
    ...(page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {}),
  };
  streamList(res, { apiVersion: apiVersionOf(def), kind: def.listKind, metadata }, page.items);
}

/**
 * `resourceVersionMatch=Exact` asks for the list at one resourceVersion; this cluster keeps only
 * the current state, so any other version is gone (410), as after etcd compaction.
 */
function requireExactVersion(ctx: HandlerContext, options: ListOptions): void {
  if (options.resourceVersionMatch !== 'Exact' || options.resourceVersion === ctx.store.resourceVersion()) return;
  throw errors.gone(`too old resource version: ${options.resourceVersion} (${ctx.store.resourceVersion()})`);
}

/** Writes a list without building one giant string: 100,000 hosts are hundreds of megabytes. */
function streamList(res: ServerResponse, head: Record<string, unknown>, items: StoredObject[]): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  const prefix = JSON.stringify(head).slice(0, -1);
  res.write(`${prefix},"items":[`);
  const CHUNK = 500;
  for (let i = 0; i < items.length; i += CHUNK) {
    const part = items
      .slice(i, i + CHUNK)
      .map((o) => JSON.stringify(o))
      .join(',');
    res.write(i === 0 ? part : `,${part}`);
  }
  res.end(']}');
}

async function create(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): Promise<void> {
  const options = writeQuery(query, 'CreateOptions');
  const body = await readObject(req);
  checkKind(route, body);
  const result = ctx.store.create(route.def, body, route.def.namespaced ? route.namespace : undefined, options);
  sendJson(res, 201, result.object, result.warnings);
}

async function update(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): Promise<void> {
  const options = writeQuery(query, 'UpdateOptions');
  const body = await readObject(req);
  checkKind(route, body);
  const subresource = route.subresource === 'status' ? 'status' : undefined;
  const result = ctx.store.update(route.def, body, route.namespace, route.name!, subresource, options);
  sendJson(res, 200, result.object, result.warnings);
}

async function patch(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): Promise<void> {
  const type = patchTypeOf(req.headers['content-type']);
  // Server-side apply needs field ownership (managedFields) and conflicts, which this cluster
  // does not track: merging the applied object over the live one would silently take fields
  // other managers own. Refused with a clear message rather than done wrong.
  if (type === 'apply') {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      "server-side apply is not supported by Fleetscope's embedded cluster (it does not track field managers); use client-side apply (kubectl apply without --server-side)",
    );
  }
  if (!type || (type === 'strategic' && !route.def.strategicMerge)) {
    throw errors.unsupportedMediaType(mediaType(req.headers['content-type']));
  }
  const options = writeQuery(query, 'PatchOptions', false);
  const body = parseBody(await readBody(req), req.headers['content-type'], false);
  const { def, namespace, name } = route;
  const current = ctx.store.get(def, namespace, name!);
  if (!current) throw errors.notFound(def, name!);
  const patched = type === 'json' ? jsonPatch(current, body) : type === 'strategic' ? strategicMergePatch(current, body) : mergePatch(current, body);
  if (!isPlainObject(patched)) throw errors.badRequest('the patch did not produce an object');
  const subresource = route.subresource === 'status' ? 'status' : undefined;
  const result = ctx.store.update(def, patched as KubeObject, namespace, name!, subresource, options);
  sendJson(res, 200, result.object, result.warnings);
}

async function readDeleteOptions(req: IncomingMessage, query: URLSearchParams) {
  const raw = await readBody(req);
  let body: Record<string, unknown> = {};
  if (raw.length > 0) {
    const parsed = parseBody(raw, req.headers['content-type'] ?? 'application/json', false);
    if (!isPlainObject(parsed)) throw errors.badRequest('DeleteOptions must be a JSON object');
    body = parsed;
  }
  const preconditions = isPlainObject(body.preconditions) ? (body.preconditions as { uid?: string; resourceVersion?: string }) : {};
  // DeleteOptions come from the body or the query; gracePeriodSeconds must still parse.
  goQueryInt(query.get('gracePeriodSeconds'));
  checkDeleteOptions(query, body);
  const dryRun = writeQuery(query, 'DeleteOptions').dryRun || (Array.isArray(body.dryRun) && body.dryRun.includes('All'));
  return { preconditions, dryRun };
}

async function remove(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): Promise<void> {
  const { preconditions, dryRun } = await readDeleteOptions(req, query);
  const result = ctx.store.delete(route.def, route.namespace, route.name!, preconditions, { dryRun });
  sendJson(res, 200, result.object);
}

async function removeCollection(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, route: ResourceRoute, query: URLSearchParams): Promise<void> {
  const { dryRun } = await readDeleteOptions(req, query);
  const options = listOptions(query);
  const filter = makeFilter(route.def, route.namespace, options.labelSelector, options.fieldSelector);
  const items = ctx.store.list(route.def, route.namespace).filter(filter);
  const deleted = items.map((o) => ctx.store.delete(route.def, o.metadata.namespace, o.metadata.name, {}, { dryRun }).object);
  sendJson(res, 200, {
    apiVersion: apiVersionOf(route.def),
    kind: route.def.listKind,
    metadata: { resourceVersion: ctx.store.resourceVersion() },
    items: deleted,
  });
}

export async function handleResource(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const named = route.name !== undefined;
  if (method === 'GET' && named) {
    const obj = ctx.store.get(route.def, route.namespace, route.name!);
    if (!obj) throw errors.notFound(route.def, route.name!);
    if (wantsTable(req.headers.accept)) {
      sendJson(res, 200, toTable(route.def, [obj], { now: ctx.now(), include: includeObject(query), resourceVersion: obj.metadata.resourceVersion }));
    } else {
      sendJson(res, 200, obj);
    }
    return;
  }
  const options = method === 'GET' ? listOptions(query) : undefined;
  if (options?.watch) {
    serveWatch(req, res, ctx.store, {
      def: route.def,
      filter: makeFilter(route.def, route.namespace, options.labelSelector, options.fieldSelector),
      resourceVersion: options.resourceVersion,
      sendInitialEvents: options.sendInitialEvents === true,
      allowBookmarks: options.allowWatchBookmarks,
      timeoutSeconds: options.timeoutSeconds,
      table: wantsTable(req.headers.accept) ? { include: includeObject(query) } : undefined,
      now: ctx.now,
      bookmarkIntervalMs: ctx.bookmarkIntervalMs,
      maxBufferedBytes: ctx.maxWatchBufferedBytes,
      registry: ctx.watches,
    });
    return;
  }
  if (options) return list(ctx, req, res, route, query, options);
  // kube-apiserver serves a namespaced kind's cluster-wide path for list and watch only (its
  // installer registers LIST and WATCHLIST there), and Namespaces have no delete-collection.
  if (route.def.namespaced && route.namespace === undefined)
    throw errors.methodNotAllowed(
      `the server does not allow this method on the requested resource: ${method} needs a namespace (/namespaces/{namespace}/${route.def.plural})`,
    );
  if (method === 'DELETE' && !named && route.def.plural === 'namespaces' && route.def.group === '') throw errors.methodNotAllowed();
  if (method === 'POST' && !named) return create(ctx, req, res, route, query);
  if (method === 'PUT' && named) return update(ctx, req, res, route, query);
  if (method === 'PATCH' && named) return patch(ctx, req, res, route, query);
  if (method === 'DELETE' && named) return remove(ctx, req, res, route, query);
  if (method === 'DELETE' && !named) return removeCollection(ctx, req, res, route, query);
  throw errors.methodNotAllowed();
}
