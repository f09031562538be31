import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { checkHost, hostnameOf, hostPolicy, hostRefusal } from './host-allow';

describe('Host allow-list (DNS rebinding)', () => {
  const local = hostPolicy('127.0.0.1', []);

  it.each(['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST', 'fleet.localhost:3000', '[::1]:3000', '[::1]', '10.0.0.7:3000', 'localhost.'])(
    'accepts %s',
    (host) => {
      expect(checkHost(host, local)).toEqual({ ok: true });
    },
  );

  it.each(['evil.example:3000', 'evil.example', '127.0.0.1.nip.io:3000', 'localhost.evil.example', 'fleet.example.com'])('refuses %s', (host) => {
    const verdict = checkHost(host, local);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(hostRefusal(verdict).message).toContain('FLEET_ALLOWED_HOSTS=');
  });

  it.each(['a b', 'evil.example:3000:1', 'x@evil.example', '[zz::1]', '', 'evil.example:'])('treats malformed Host %j as refused (or absent)', (host) => {
    const verdict = checkHost(host, local);
    if (host === '') expect(verdict.ok).toBe(true);
    else expect(verdict).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('accepts the configured HOST and FLEET_ALLOWED_HOSTS, case and trailing dot aside', () => {
    const env = parseEnv({ HOST: 'fleet.lab', FLEET_ALLOWED_HOSTS: 'Fleet.Example.com, other.example' });
    const policy = hostPolicy(env.host, env.allowedHosts);
    for (const host of ['fleet.lab:3000', 'fleet.example.com', 'FLEET.EXAMPLE.COM.:443', 'other.example'])
      expect(checkHost(host, policy)).toEqual({ ok: true });
    expect(checkHost('evil.example', policy).ok).toBe(false);
  });

  it('a wildcard bind does not allow every name', () => {
    expect(checkHost('evil.example:3000', hostPolicy('0.0.0.0', [])).ok).toBe(false);
    expect(checkHost('192.168.1.5:3000', hostPolicy('0.0.0.0', [])).ok).toBe(true);
  });

  it('FLEET_ALLOWED_HOSTS must be host names', () => {
    expect(() => parseEnv({ FLEET_ALLOWED_HOSTS: 'https://fleet.example.com' })).toThrow(/FLEET_ALLOWED_HOSTS/);
    expect(() => parseEnv({ FLEET_ALLOWED_HOSTS: 'fleet.example.com:443' })).toThrow(/host names/);
    expect(parseEnv({}).allowedHosts).toEqual([]);
  });

  it('parses Host headers', () => {
    expect(hostnameOf('[::1]:3000')).toBe('::1');
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
    expect(hostnameOf('example.com:99999999')).toBeUndefined();
  });
});
