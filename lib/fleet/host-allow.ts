import 'server-only';
/**
 * DNS rebinding defence: the dashboard answers only requests addressed to a name it is served
 * as. A page on `evil.example` whose DNS later points at 127.0.0.1 is same-origin with itself,
 * so its Origin matches its Host and the Origin check alone lets it through; its Host header
 * still says `evil.example`, and that is what is refused here.
 *
 * Accepted: loopback names (`localhost`, `*.localhost`, RFC 6761 §6.3: never resolved by public
 * DNS), any IP address literal (a browser sends one only when the page itself was loaded from that
 * address, so it cannot be a rebound name), the configured HOST, and FLEET_ALLOWED_HOSTS (names a
 * reverse proxy forwards). Pure: no env or IO, the proxy passes the policy in.
 */

export interface HostPolicy {
  readonly names: ReadonlySet<string>;
}

const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '[::]']);

/** A host name as the policy keeps it: lowercase, no trailing dot, IPv6 without brackets. */
function canonical(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

export function hostPolicy(configuredHost: string, allowed: readonly string[]): HostPolicy {
  const names = new Set(allowed.map(canonical));
  if (!WILDCARD_BINDS.has(configuredHost)) names.add(canonical(configuredHost));
  return { names };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/;

/** The host name of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), or undefined when malformed. */
export function hostnameOf(header: string): string | undefined {
  const value = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (v6) return v6[1]!.includes(':') ? v6[1] : undefined;
  const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  if (!plain || plain[1]!.length > 253 || !NAME.test(plain[1]!)) return undefined;
  return canonical(plain[1]!);
}

export type HostVerdict = { ok: true } | { ok: false; hostname: string; reason: 'malformed' | 'not_allowed' };

export function checkHost(header: string | null, policy: HostPolicy): HostVerdict {
  // Browsers always send Host; a request without one (HTTP/1.0 tools) cannot come from a rebound page.
  if (header === null || header === '') return { ok: true };
  const hostname = hostnameOf(header);
  if (hostname === undefined) return { ok: false, hostname: header.slice(0, 100), reason: 'malformed' };
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return { ok: true };
  if (IPV4.test(hostname) || hostname.includes(':')) return { ok: true };
  if (policy.names.has(hostname)) return { ok: true };
  return { ok: false, hostname, reason: 'not_allowed' };
}

/** The refusal's text: what was refused and how to allow it. */
export function hostRefusal(verdict: Extract<HostVerdict, { ok: false }>): { code: string; message: string } {
  if (verdict.reason === 'malformed') return { code: 'invalid_host', message: `the Host header ${JSON.stringify(verdict.hostname)} is not a host name` };
  return {
    code: 'host_not_allowed',
    message:
      `Fleetscope is not served as "${verdict.hostname}" (a DNS rebinding attempt looks like this). ` +
      `To serve it under that name, e.g. behind a reverse proxy, start it with FLEET_ALLOWED_HOSTS=${verdict.hostname} (comma-separated names).`,
  };
}
