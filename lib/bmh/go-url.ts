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

const fail = (input: string, message: string): { ok: false; error: string } => ({ ok: false, error: `parse ${goQuote(input)}: ${message}` });

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

/**
 * src/net/url/url.go parseHost: bracketed IPv6, an optional numeric port, legal characters.
 * Go 1.26 (BMO builds with it) reads the port from the *first* colon for http and https, so
 * `http://a:b:80/` is refused there; other schemes keep the last colon (go.dev/issue/78077).
 */
function hostProblem(host: string, scheme: string): string | undefined {
  let name = host;
  if (host.lastIndexOf('[') > 0) return 'invalid IP-literal';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const port = host.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return `invalid port ${goQuote(port)} after host`;
    name = host.slice(1, close);
  } else {
    const colon = scheme === 'http' || scheme === 'https' ? host.indexOf(':') : host.lastIndexOf(':');
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
function authorityProblem(authority: string, scheme: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && /[^a-zA-Z0-9\-._~!$&'()*+,;=:%@]/.test(authority.slice(0, at))) return 'net/url: invalid userinfo';
  return hostProblem(host, scheme);
}

/** What Go's `url.URL` holds after a successful parse, as far as callers here read it. */
export type GoUrl = { ok: true; scheme: string; opaque: string; host: string; path: string } | { ok: false; error: string };

/** src/net/url/url.go parse(rawURL, viaRequest). */
function parse(input: string, viaRequest: boolean): GoUrl {
  if (CTL.test(input)) return fail(input, 'net/url: invalid control character in URL');
  if (input === '' && viaRequest) return fail(input, 'empty url');
  const url = { ok: true as const, scheme: '', opaque: '', host: '', path: '' };
  if (input === '*') return { ...url, path: '*' };
  const split = splitScheme(input);
  if ('error' in split) return fail(input, split.error);
  const scheme = split.scheme.toLowerCase();
  let rest = split.rest;
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { ...url, scheme, opaque: rest }; // a rootless path is opaque
    if (viaRequest) return fail(input, 'invalid URI for request');
    if ((rest.split('/')[0] ?? '').includes(':')) return fail(input, 'first path segment in URL cannot contain colon');
  }
  let host = '';
  if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const problem = authorityProblem(authority, scheme);
    if (problem) return fail(input, problem);
    const at = authority.lastIndexOf('@');
    host = at < 0 ? authority : authority.slice(at + 1);
  }
  const escape = badEscape(rest);
  if (escape) return fail(input, escape);
  return { ...url, scheme, host, path: rest };
}

/** Parses `input` as Go's `url.ParseRequestURI` does. */
export function parseRequestUri(input: string): GoUrlResult {
  const parsed = parse(input, true);
  return parsed.ok ? { ok: true, scheme: parsed.scheme } : parsed;
}

/**
 * Parses `input` as Go's `url.Parse` does (relative references allowed; the fragment is cut off
 * first). BMO parses BMC addresses with it (upstream pkg/hardwareutils/bmc/access.go:91).
 */
export function parseUrl(input: string): GoUrl {
  const hash = input.indexOf('#');
  const parsed = parse(hash < 0 ? input : input.slice(0, hash), false);
  if (!parsed.ok || hash < 0) return parsed;
  const escape = badEscape(input.slice(hash + 1));
  return escape ? fail(input, escape) : parsed;
}
