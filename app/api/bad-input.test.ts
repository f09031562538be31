/**
 * The dashboard's API refuses malformed input with a clear 4xx in the one error shape and
 * changes nothing: a table over every endpoint, then property-based fuzzing of the bodies.
 * The route handlers run in-process against a real embedded cluster.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { getRuntime, type Runtime } from '@/lib/fleet/runtime';
import { eventually } from '@/lib/testing/cluster';
import * as hosts from './hosts/route';
import * as actions from './hosts/actions/route';
import * as host from './hosts/[namespace]/[name]/route';
import * as jobs from './jobs/[id]/route';
import * as series from './series/route';
import * as simulator from './simulator/route';
import * as stream from './stream/route';
import { startEmbeddedCluster } from '../../lib/fake-cluster/cluster';

let rt: Runtime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-api-'));
  rt = await getRuntime(() => parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant', FLEET_LIMITS: 'unlimited' }), {
    inProcess: startEmbeddedCluster,
  });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
});
afterAll(async () => {
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const BASE = 'http://127.0.0.1:3000';
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

type Call = () => Promise<Response>;
const post =
  (handler: (r: Request) => Promise<Response>, path: string, body: unknown, headers?: Record<string, string>): Call =>
  () =>
    handler(new Request(`${BASE}${path}`, json(body, headers)));

const CASES: [string, Call, number, string, string?][] = [
  // what, call, status, error code, field
  [
    'create: no content type',
    () => hosts.POST(new Request(`${BASE}/api/hosts`, { method: 'POST', body: '{"count":1}', headers: { host: '127.0.0.1:3000' } })),
    415,
    'unsupported_media_type',
  ],
  [
    'create: text/plain',
    () =>
      hosts.POST(new Request(`${BASE}/api/hosts`, { method: 'POST', body: '{"count":1}', headers: { 'content-type': 'text/plain', host: '127.0.0.1:3000' } })),
    415,
    'unsupported_media_type',
  ],
  ['create: invalid JSON', post(hosts.POST, '/api/hosts', '{"count":'), 400, 'invalid_json'],
  ['create: a list', post(hosts.POST, '/api/hosts', []), 400, 'invalid_request'],
  ['create: no count', post(hosts.POST, '/api/hosts', {}), 400, 'invalid_request', 'count'],
  ['create: count as a string', post(hosts.POST, '/api/hosts', { count: '10' }), 400, 'invalid_request', 'count'],
  ['create: zero', post(hosts.POST, '/api/hosts', { count: 0 }), 400, 'invalid_request', 'count'],
  ['create: negative', post(hosts.POST, '/api/hosts', { count: -5 }), 400, 'invalid_request', 'count'],
  ['create: fractional', post(hosts.POST, '/api/hosts', { count: 1.5 }), 400, 'invalid_request', 'count'],
  ['create: over the limit', post(hosts.POST, '/api/hosts', { count: 10_001 }), 400, 'invalid_request', 'count'],
  ['create: huge', post(hosts.POST, '/api/hosts', { count: 1e30 }), 400, 'invalid_request', 'count'],
  ['create: null', post(hosts.POST, '/api/hosts', { count: null }), 400, 'invalid_request', 'count'],
  ['create: an invalid namespace', post(hosts.POST, '/api/hosts', { count: 1, namespace: 'Bad_NS' }), 400, 'invalid_request', 'namespace'],
  ['create: a path-traversing namespace', post(hosts.POST, '/api/hosts', { count: 1, namespace: '../etc' }), 400, 'invalid_request', 'namespace'],
  ['create: a 64-character namespace', post(hosts.POST, '/api/hosts', { count: 1, namespace: 'a'.repeat(64) }), 400, 'invalid_request', 'namespace'],
  ['create: an invalid prefix', post(hosts.POST, '/api/hosts', { count: 1, prefix: 'Worker Nodes' }), 400, 'invalid_request', 'prefix'],
  ['create: online as a string', post(hosts.POST, '/api/hosts', { count: 1, online: 'yes' }), 400, 'invalid_request', 'online'],
  ['create: an unknown field', post(hosts.POST, '/api/hosts', { count: 1, color: 'red' }), 400, 'invalid_request'],
  ['create: an oversized body', post(hosts.POST, '/api/hosts', { count: 1, pad: 'x'.repeat(2 * 1024 * 1024) }), 413, 'body_too_large'],
  ['create: from another origin', post(hosts.POST, '/api/hosts', { count: 1 }, { origin: 'http://evil.example' }), 403, 'cross_origin'],
  ['create: a cross-site request', post(hosts.POST, '/api/hosts', { count: 1 }, { 'sec-fetch-site': 'cross-site' }), 403, 'cross_origin'],
  ['create: a malformed Origin', post(hosts.POST, '/api/hosts', { count: 1 }, { origin: 'not a url' }), 403, 'cross_origin'],
  ['action: unknown', post(actions.POST, '/api/hosts/actions', { action: 'explode', where: {} }), 400, 'invalid_request', 'action'],
  ['action: missing', post(actions.POST, '/api/hosts/actions', { where: {} }), 400, 'invalid_request', 'action'],
  ['action: neither hosts nor where', post(actions.POST, '/api/hosts/actions', { action: 'provision' }), 400, 'invalid_request', 'hosts'],
  [
    'action: both hosts and where',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, hosts: [{ namespace: 'a', name: 'b' }] }),
    400,
    'invalid_request',
    'hosts',
  ],
  ['action: an empty host list', post(actions.POST, '/api/hosts/actions', { action: 'delete', hosts: [] }), 400, 'invalid_request', 'hosts'],
  [
    'action: a host without a name',
    post(actions.POST, '/api/hosts/actions', { action: 'delete', hosts: [{ namespace: 'metal3' }] }),
    400,
    'invalid_request',
    'hosts.0.name',
  ],
  [
    'action: a path-traversing name',
    post(actions.POST, '/api/hosts/actions', { action: 'delete', hosts: [{ namespace: 'metal3', name: '../../secrets' }] }),
    400,
    'invalid_request',
    'hosts.0.name',
  ],
  [
    'action: 10,001 hosts',
    post(actions.POST, '/api/hosts/actions', { action: 'delete', hosts: Array.from({ length: 10_001 }, (_, i) => ({ namespace: 'n', name: `h${i}` })) }),
    400,
    'invalid_request',
    'hosts',
  ],
  ['action: a zero limit', post(actions.POST, '/api/hosts/actions', { action: 'delete', where: { limit: 0 } }), 400, 'invalid_request', 'where.limit'],
  [
    'action: a state that is not one',
    post(actions.POST, '/api/hosts/actions', { action: 'delete', where: { state: "'; DROP TABLE" } }),
    400,
    'invalid_request',
    'where.state',
  ],
  [
    'action: an image with deprovision',
    post(actions.POST, '/api/hosts/actions', { action: 'deprovision', where: {}, image: { url: 'http://x/i', checksum: 'a'.repeat(32) } }),
    400,
    'invalid_request',
    'image',
  ],
  [
    'action: a javascript: image URL',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'javascript:alert(1)', checksum: 'a'.repeat(32) } }),
    400,
    'invalid_request',
    'image.url',
  ],
  // BMO's webhook allows http, https, ftp, gopher and oci (upstream internal/webhooks/metal3.io/v1alpha1/common_validation.go:32).
  [
    'action: a file: image URL',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'file:///x/i', checksum: 'a'.repeat(32) } }),
    400,
    'invalid_request',
    'image.url',
  ],
  [
    'action: an image URL with a NUL byte',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'http://x/i\u0000', checksum: 'c' } }),
    400,
    'invalid_request',
    'image.url',
  ],
  [
    'action: an image URL with a newline',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'http://x/i\n<b>', checksum: 'c' } }),
    400,
    'invalid_request',
    'image.url',
  ],
  [
    'action: a relative image URL',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'images/i.qcow2', checksum: 'c' } }),
    400,
    'invalid_request',
    'image.url',
  ],
  [
    'action: an image format that is not one',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'http://x/i', checksum: 'a'.repeat(32), format: 'exe' } }),
    400,
    'invalid_request',
    'image.format',
  ],
  [
    'action: an unknown checksumType',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'http://x/i', checksum: 'zz', checksumType: 'crc32' } }),
    400,
    'invalid_request',
    'image.checksumType',
  ],
  [
    'action: a qcow2 image without checksum',
    post(actions.POST, '/api/hosts/actions', { action: 'provision', where: {}, image: { url: 'http://x/i', format: 'qcow2' } }),
    400,
    'invalid_request',
    'image.checksum',
  ],
  ['job: not a UUID', () => jobs.GET(new Request(`${BASE}/api/jobs/abc`), params({ id: 'abc' })), 400, 'invalid_id', 'id'],
  ['job: an unknown UUID', () => jobs.GET(new Request(`${BASE}/api/jobs/x`), params({ id: '00000000-0000-4000-8000-000000000000' })), 404, 'not_found'],
  [
    'host: an invalid namespace',
    () => host.GET(new Request(`${BASE}/api/hosts/X/y`), params({ namespace: 'UPPER', name: 'y' })),
    400,
    'invalid_name',
    'namespace',
  ],
  [
    'host: a path-traversing name',
    () => host.GET(new Request(`${BASE}/api/hosts/a/b`), params({ namespace: 'metal3', name: '../etc/passwd' })),
    400,
    'invalid_name',
    'name',
  ],
  ['host: one that does not exist', () => host.GET(new Request(`${BASE}/api/hosts/a/b`), params({ namespace: 'metal3', name: 'ghost' })), 404, 'not_found'],
  ['series: since that is not a number', () => series.GET(new Request(`${BASE}/api/series?since=yesterday`)), 400, 'invalid_since', 'since'],
  ['series: a negative since', () => series.GET(new Request(`${BASE}/api/series?since=-5`)), 400, 'invalid_since', 'since'],
  [
    'stream: a Last-Event-ID that is not ours',
    () => stream.GET(new Request(`${BASE}/api/stream`, { headers: { 'last-event-id': '12; DROP' } })),
    400,
    'invalid_last_event_id',
    'Last-Event-ID',
  ],
  [
    'stream: a lastEventId query that is not a number',
    () => stream.GET(new Request(`${BASE}/api/stream?lastEventId=abc`)),
    400,
    'invalid_last_event_id',
    'Last-Event-ID',
  ],
  [
    'simulator: an unknown profile',
    () => simulator.PUT(new Request(`${BASE}/api/simulator`, { ...json({ profile: 'warp' }), method: 'PUT' })),
    400,
    'invalid_request',
    'profile',
  ],
  [
    'simulator: a failure rate over 1',
    () => simulator.PUT(new Request(`${BASE}/api/simulator`, { ...json({ failureRates: { inspect: 2 } }), method: 'PUT' })),
    400,
    'invalid_request',
    'failureRates.inspect',
  ],
  [
    'simulator: a negative QPS',
    () => simulator.PUT(new Request(`${BASE}/api/simulator`, { ...json({ limits: { qps: -1 } }), method: 'PUT' })),
    400,
    'invalid_request',
    'limits.qps',
  ],
  [
    'simulator: an unknown setting',
    () => simulator.PUT(new Request(`${BASE}/api/simulator`, { ...json({ turbo: true }), method: 'PUT' })),
    400,
    'invalid_request',
  ],
];

async function fleetState() {
  return JSON.stringify({
    hosts: rt.model.index
      .list()
      .map((h) => `${h.namespace}/${h.name}`)
      .sort(),
    jobs: rt.jobs.list().length,
    settings: rt.localTwin?.settings,
  });
}

describe('the dashboard API refuses bad input', () => {
  it.each(CASES)('%s', async (_what, call, status, code, field) => {
    const before = await fleetState();
    const response = await call();
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    if (field) expect(body.error.field).toBe(field);
    expect(await fleetState()).toBe(before);
  });

  it('fuzzed bodies get 202 or a 4xx in the one error shape, never a 5xx', async () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer({ min: -20, max: 20 }),
      fc.double(),
      fc.string({ maxLength: 20 }),
      fc.constantFrom('provision', 'delete', 'metal3', 'http://x/i', 'qcow2', 'available'),
    );
    const body = fc.oneof(
      value,
      fc.array(value, { maxLength: 3 }),
      fc.record({ count: value, namespace: value, prefix: value, online: value }, { requiredKeys: [] }),
      fc.record(
        {
          action: value,
          hosts: fc.oneof(value, fc.array(fc.record({ namespace: value, name: value }, { requiredKeys: [] }), { maxLength: 2 })),
          where: fc.oneof(value, fc.record({ state: value, namespace: value, limit: value }, { requiredKeys: [] })),
          image: value,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(hosts.POST, actions.POST), body, async (handler, payload) => {
        const response = await handler(new Request(`${BASE}/api/x`, json(payload)));
        expect(response.status === 202 || (response.status >= 400 && response.status < 500)).toBe(true);
        const answer = (await response.json()) as { job?: unknown; error?: { code: string; message: string } };
        if (response.status === 202) expect(answer.job).toBeDefined();
        else expect(typeof answer.error?.message).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
