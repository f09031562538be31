/** Small HTTP helpers for the fake API server: bodies, JSON answers, Status errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, errors } from '../api-error';

/** The API server refuses request bodies over 3 MiB. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Past this much, an oversized upload is cut off rather than read to its end. */
const HARD_LIMIT = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) an oversized body, so the client gets the 413 answer.
      if (size <= limit) chunks.push(chunk);
      else if (size > HARD_LIMIT) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(errors.tooLarge(`the request body is larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON (or, where Kubernetes allows it, YAML) request body. */
export function parseBody(body: Buffer, contentType: string | undefined, allowYaml: boolean): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the request body is empty');
  const media = mediaType(contentType);
  try {
    if (allowYaml && (media.endsWith('yaml') || media === 'application/yaml')) return parseYaml(text);
    return JSON.parse(text);
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
  sendJson(res, apiError.code, apiError.toStatus());
}

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}
