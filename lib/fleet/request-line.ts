import 'server-only';
/**
 * Request lines no route of the dashboard answers, refused before routing with a proper 4xx
 * (Next answered both with a 500 and none of the security headers): TRACE and friends (no route
 * has them, and TRACE echoes requests back, the old cross-site tracing hole) and paths whose
 * %-encoding does not decode to UTF-8.
 */

export interface RequestLineRefusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

const REFUSED_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

export function checkRequestLine(method: string, pathname: string): RequestLineRefusal | undefined {
  if (REFUSED_METHODS.has(method.toUpperCase())) {
    return { status: 405, code: 'method_not_allowed', message: `${method} is not allowed here`, headers: { Allow: 'GET, HEAD, POST, PUT, DELETE, OPTIONS' } };
  }
  try {
    decodeURIComponent(pathname);
  } catch {
    return { status: 400, code: 'invalid_path', message: 'the request path has malformed %-encoding' };
  }
  return undefined;
}
