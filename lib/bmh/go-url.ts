/**
 * Go's `net/url.ParseRequestURI`, as far as BMO's webhook depends on it: which strings it refuses
 * and with what message. BMO validates every image URL with it (upstream
 * internal/webhooks/metal3.io/v1alpha1/common_validation.go:25), so the dashboard and the
 * embedded cluster refuse exactly what a real BMO refuses — no stricter, no looser.
 *
 * Mirrors Go's src/net/url/url.go: `parse` (control bytes, empty, "*", scheme, query, rootless
 * paths, authority), `getScheme`, `parseAuthority`/`parseHost` (port, host characters) and
 * `unescape` (percent escapes). Pure; returns the scheme (lower-cased) or Go's error text.
 */

export type GoUrlResult = { ok: true; scheme: string } | { ok: false; error: string };

/** Go's `%q` for the strings we meet here: JSON's escaping is the same for printable input. */
const goQuote = (s: string) => JSON.stringify(s);

const fail = (input: string, message: string): GoUrlResult => ({ ok: false, error: `parse ${goQuote(input)}: ${message}` });

// src/net/url/url.go stringContainsCTLByte: any byte < 0x20 or 0x7f.
const CTL = /[\x00-\x1f\x7f]/;

/** src/net/url/url.go getScheme: a letter first, then letters, digits, `+-.`, up to `:`. */
function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** src/net/url/url.go unescape: every `%` must start a two-digit hex escape. */
function badEscape(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') continue;
    const escape = s.slice(i, i + 3);
    if (!HEX.test(escape.slice(1))) return `invalid URL escape ${goQuote(escape)}`;
    i += 2;
  }
  return undefined;
}

// src/net/url/url.go shouldEscape(c, encodeHost): what may appear unescaped in a host name.
const HOST_CHAR = /[a-zA-Z0-9\-_.~!$&'()*+,;=:[\]<>"%]/;

/** src/net/url/url.go parseHost: bracketed IPv6, an optional numeric port, legal characters. */
function hostProblem(host: string): string | undefined {
  let name = host;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
    name = host.slice(1, close);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) {
      const port = host.slice(colon);
      if (!/^:\d*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
      name = host.slice(0, colon);
    }
  }
  for (const c of name) {
    if (c.charCodeAt(0) < 0x80 && !HOST_CHAR.test(c)) return `invalid character ${goQuote(c)} in host name`;
  }
  return badEscape(name);
}

/** src/net/url/url.go parseAuthority: `userinfo@host`, the host checked as above. */
function authorityProblem(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && /[^a-zA-Z0-9\-._~!$&'()*+,;=:%@]/.test(authority.slice(0, at))) return 'net/url: invalid userinfo';
  return hostProblem(host);
}

/** Parses `input` as Go's `url.ParseRequestURI` does. */
export function parseRequestUri(input: string): GoUrlResult {
  if (CTL.test(input)) return fail(input, 'net/url: invalid control character in URL');
  if (input === '') return fail(input, 'empty url');
  if (input === '*') return { ok: true, scheme: '' };
  const split = splitScheme(input);
  if ('error' in split) return fail(input, split.error);
  const scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { ok: true, scheme }; // a rootless path is opaque
    return fail(input, 'invalid URI for request');
  }
  if (scheme !== '' && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const problem = authorityProblem(authority);
    if (problem) return fail(input, problem);
  }
  const escape = badEscape(rest);
  if (escape) return fail(input, escape);
  return { ok: true, scheme };
}
