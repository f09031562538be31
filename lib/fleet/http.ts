/**
 * Helpers for the dashboard's route handlers: one error shape
 * (`{"error": {"code", "message", "field"}}`), JSON bodies validated with zod, the
 * same-origin rule for mutations and the read-only switch.
 */
import type { z } from 'zod';
import { isDnsLabel, isDnsSubdomain } from '../bmh/names';
import { ActionError } from './actions';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError || error instanceof ActionError) {
    return json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } }, error.status);
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
      throw new HttpError(403, 'cross_origin', 'the Origin header is not a valid origin');
    }
    if (!host || originHost !== host) throw new HttpError(403, 'cross_origin', `cross-origin requests may not change the fleet (Origin ${origin})`);
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'cross_origin', `cross-site requests may not change the fleet (Sec-Fetch-Site: ${site})`);
  }
}

export function requireWritable(readonly: boolean): void {
  if (readonly) throw new HttpError(403, 'read_only', 'Fleetscope runs read-only (FLEET_READONLY=1): no changes are made');
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body: JSON content type, size limit, valid JSON, then the schema. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'the body must be JSON (Content-Type: application/json)');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new HttpError(413, 'body_too_large', `the body may be at most ${maxBytes} bytes`);
  const buffer = await request.arrayBuffer();
  if (buffer.byteLength > maxBytes) throw new HttpError(413, 'body_too_large', `the body may be at most ${maxBytes} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON');
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || undefined;
    throw new HttpError(400, 'invalid_request', field ? `${field}: ${issue.message}` : issue.message, field);
  }
  return result.data;
}

/** Path segments of our routes are Kubernetes names; anything else is refused before use. */
export function requireName(value: string, field: string, label: boolean): string {
  if (!(label ? isDnsLabel(value) : isDnsSubdomain(value))) throw new HttpError(400, 'invalid_name', `${field} is not a valid Kubernetes name`, field);
  return value;
}
