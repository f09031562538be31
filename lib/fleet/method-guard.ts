import 'server-only';
/**
 * TRACE (and TRACK, CONNECT) never reach proxy.ts: Next builds a WHATWG Request for the proxy,
 * whose constructor throws on these methods, and the answer was a bare 500 without the security
 * headers. So they are refused one step earlier, where Node hands every request to Next: the
 * `request` event of the process's HTTP servers. Installed once from instrumentation (boot.ts).
 */
import { Server, type IncomingMessage, type ServerResponse } from 'node:http';
import securityHeaders from '../config/security-headers.json';
import { checkRequestLine } from './request-line';

const INSTALLED = Symbol.for('fleetscope.method-guard');

/** Answers a request Next cannot take; true when it did. */
export function refuseUnroutable(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = checkRequestLine(req.method ?? 'GET', '/');
  if (!refusal) return false;
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(body)),
    ...refusal.headers,
  };
  for (const { key, value } of securityHeaders) headers[key] = value;
  res.writeHead(refusal.status, headers);
  res.end(body);
  return true;
}

export function installMethodGuard(proto: { emit: Server['emit'] } = Server.prototype): void {
  const holder = proto as unknown as { [INSTALLED]?: boolean };
  if (holder[INSTALLED]) return;
  holder[INSTALLED] = true;
  const emit = proto.emit;
  proto.emit = function guardedEmit(this: Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request' && refuseUnroutable(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as Server['emit'];
}
