import 'server-only';
/**
 * Helpers for the dashboard's route handlers: one error shape (ApiError → `ApiErrorBody`),
 * JSON bodies validated with the contract's zod schemas, and the guard chain of every mutation
 * (`mutation()`: request guards such as same-origin → the runtime → writable → the JSON body).
 */
import type { z } from 'zod';
import { isDnsLabel, isDnsSubdomain } from '../bmh/names';
import { ApiError } from './api-error';
import { runtime, type Runtime } from './runtime';
import { readLimited } from './read-body';

export { ApiError } from './api-error';

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

/** The one place an error becomes a response. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    const response = json(error.body(), error.status);
    // The rest of an oversized upload is not read: the connection ends with this answer.
    if (error.status === 413) response.headers.set('Connection', 'close');
    return response;
  }
  console.error('[fleetscope] request failed', error);
  return json({ error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } }, 500);
}

/** Runs a handler and turns thrown errors into the one error shape. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Mutations must come from the dashboard's own pages (or from a non-browser client): a
 * browser always sends Origin on a cross-site POST, and Sec-Fetch-Site says where it came from.
 */
export function requireSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  if (origin !== null) {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new ApiError(403, 'cross_origin', 'the Origin header is not a valid origin');
    }
    if (!host || originHost !== host) throw new ApiError(403, 'cross_origin', `cross-origin requests may not change the fleet (Origin ${origin})`);
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new ApiError(403, 'cross_origin', `cross-site requests may not change the fleet (Sec-Fetch-Site: ${site})`);
  }
}

export function requireWritable(readonly: boolean): void {
  if (readonly) throw new ApiError(403, 'read_only', 'Fleetscope runs read-only (FLEET_READONLY=1): no changes are made');
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body: JSON content type, size limit, valid JSON, then the schema. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new ApiError(413, 'body_too_large', `the body may be at most ${maxBytes} bytes`);
  const buffer = await readLimited(request.body, maxBytes);
  if (buffer === undefined) throw new ApiError(413, 'body_too_large', `the body may be at most ${maxBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch {
    throw new ApiError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || undefined;
    throw new ApiError(400, 'invalid_request', field ? `${field}: ${issue.message}` : issue.message, field);
  }
  return result.data;
}

/** Path segments of our routes are Kubernetes names; anything else is refused before use. */
export function requireName(value: string, field: string, label: boolean): string {
  if (!(label ? isDnsLabel(value) : isDnsSubdomain(value))) throw new ApiError(400, 'invalid_name', `${field} is not a valid Kubernetes name`, field);
  return value;
}

/** Checks every mutation runs on the request before anything else; add one here to apply it to all. */
export const MUTATION_GUARDS: ((request: Request) => void)[] = [requireSameOrigin];

export interface MutationOptions<S extends z.ZodType> {
  /** The body's schema (lib/api/contract.ts). */
  body: S;
  /** A check on the runtime before the body is read (e.g. "there is a twin"). */
  requires?: (rt: Runtime) => void;
}

/**
 * A mutation route: the guards, the runtime, the read-only switch, `requires`, the JSON body,
 * then `run`; whatever fails on the way answers with its ApiError and changes nothing.
 */
export function mutation<S extends z.ZodType>(
  options: MutationOptions<S>,
  run: (rt: Runtime, body: z.infer<S>) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return (request) =>
    handle(async () => {
      for (const guard of MUTATION_GUARDS) guard(request);
      const rt = await runtime();
      requireWritable(rt.env.readonly);
      options.requires?.(rt);
      return run(rt, await readJson(request, options.body));
    });
}
