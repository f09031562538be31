/**
 * Every request passes here first (Next 16's proxy, Node.js runtime, no matcher: pages, API
 * routes, /metrics, the stream and static files alike). It refuses what no route should see:
 * a Host the dashboard is not served as (DNS rebinding, lib/fleet/host-allow.ts), methods no route
 * has (TRACE/TRACK/CONNECT), and paths whose %-encoding does not decode. These answers are
 * made here, so they carry the security headers themselves.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { parseEnv } from './lib/config/env';
import securityHeaders from './lib/config/security-headers.json';
import { checkHost, hostPolicy, hostRefusal, type HostPolicy } from './lib/fleet/host-allow';
import { checkRequestLine } from './lib/fleet/request-line';

let policy: HostPolicy | undefined;

function currentPolicy(): HostPolicy {
  if (!policy) {
    try {
      const env = parseEnv(process.env);
      policy = hostPolicy(env.host, env.allowedHosts);
    } catch {
      // A bad environment stops the server at boot; until then, loopback only.
      policy = hostPolicy('127.0.0.1', []);
    }
  }
  return policy;
}

function refuse(status: number, code: string, message: string, extra: Record<string, string> = {}): NextResponse {
  const headers = new Headers({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
  for (const { key, value } of securityHeaders) headers.set(key, value);
  return new NextResponse(JSON.stringify({ error: { code, message } }), { status, headers });
}

export function proxy(request: NextRequest): NextResponse {
  const host = checkHost(request.headers.get('host'), currentPolicy());
  if (!host.ok) {
    const { code, message } = hostRefusal(host);
    return refuse(host.reason === 'malformed' ? 400 : 421, code, message);
  }
  const line = checkRequestLine(request.method, request.nextUrl.pathname);
  if (line) return refuse(line.status, line.code, line.message, line.headers);
  return NextResponse.next();
}
