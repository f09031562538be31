/** Small HTTP helpers for the fake API server: bodies, JSON answers, Status errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from '../api-error';

/** The API server refuses request bodies over 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * Reads a body up to `limit` bytes while it streams (chunked or not): past the limit it stops
 * reading at once and answers 413, as kube-apiserver's limitedReadBody does; the connection is
 * then closed (sendError), so the rest of an oversized upload is never read.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      chunks.length = 0;
      reject(errors.tooLarge(`the request body is too large (more than ${limit} bytes)`));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Deeper bodies are refused before parsing: patching and validating them recurses per level,
 * and a 100,000-deep patch overflowed the stack (a 500). kube-apiserver stops at 10,000
 * (apimachinery's JSON max depth); no Kubernetes object comes close to this smaller limit.
 */
export const MAX_BODY_DEPTH = 1000;

/** The deepest nesting of `[` and `{` in JSON text (outside strings), stopping past `limit`. */
export function nestingDepth(text: string, limit = MAX_BODY_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/** How deep objects and arrays nest in a parsed value (iteratively: no recursion to overflow). */
function valueDepth(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Parses a JSON (or, where Kubernetes allows it, YAML) request body. */
export function parseBody(body: Buffer, contentType: string | undefined, allowYaml: boolean): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  if (nestingDepth(text) > MAX_BODY_DEPTH) throw errors.badRequest(`the request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
  const media = mediaType(contentType);
  try {
    if (!allowYaml || !(media.endsWith('yaml') || media === 'application/yaml')) return JSON.parse(text);
    // Block YAML nests by indentation, which the bracket count above does not see.
    const value: unknown = parseYaml(text);
    if (valueDepth(value) > MAX_BODY_DEPTH) throw new RangeError(`nested more than ${MAX_BODY_DEPTH} levels deep`);
    return value;
  } catch (error) {
    throw errors.badRequest(`the request body is not valid ${allowYaml && media.endsWith('yaml') ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, code: number, body: unknown, warnings: string[] = []): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(Buffer.byteLength(text)),
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : errors.internal((error as Error)?.message ?? String(error));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // An unread request body (too large) is not drained: the connection ends with this answer.
  if (apiError.code === 413) res.setHeader('Connection', 'close');
  sendJson(res, apiError.code, apiError.toStatus());
}

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}
