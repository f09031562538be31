/**
 * The embedded cluster's API refuses malformed requests with a clear 4xx Status and changes
 * nothing: a table of bad inputs sent over HTTPS, then a check that the store did not move.
 */
import { Agent, request } from 'undici';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bmhManifest, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import { bareMetalHosts } from './resources';

let cluster: TestCluster;
let agent: Agent;
beforeAll(async () => {
  cluster = await startTestCluster({ log: () => {} });
  agent = new Agent({ connect: { ca: cluster.caPem } });
  await cluster.client.ensureNamespace('metal3');
  await cluster.client.createSecret('metal3', secretManifest('h-bmc-secret', 'metal3') as never);
  await cluster.client.createBmh('metal3', bmhManifest('h', 'metal3'));
});
afterAll(async () => {
  await agent?.close();
  await cluster?.stop();
});

const BMH = '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts';

async function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}, auth = true) {
  const res = await request(`${cluster.url}${path}`, {
    method: method as 'GET',
    dispatcher: agent,
    headers: { ...(auth ? { authorization: `Bearer ${cluster.token}` } : {}), ...headers },
    body,
  });
  const text = await res.body.text();
  let status: { kind?: string; reason?: string; message?: string } = {};
  try {
    status = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { code: res.statusCode, status };
}

const json = { 'content-type': 'application/json' };
const merge = { 'content-type': 'application/merge-patch+json' };
const host = (spec: object, name = 'x') => JSON.stringify({ apiVersion: 'metal3.io/v1alpha1', kind: 'BareMetalHost', metadata: { name }, spec });

const CASES: [string, string, string, (string | Buffer)?, Record<string, string>?, number?, string?, boolean?][] = [
  // what, method, path, body, headers, expected code, expected reason, authenticated
  ['no credentials', 'GET', BMH, undefined, {}, 401, 'Unauthorized', false],
  ['a wrong token', 'GET', BMH, undefined, { authorization: 'Bearer nope' }, 401, 'Unauthorized', false],
  ['an unknown path', 'GET', '/apis/metal3.io/v1alpha1/namespaces/metal3/widgets', undefined, {}, 404, 'NotFound'],
  ['path traversal in a name', 'GET', `${BMH}/..%2F..%2Fsecrets`, undefined, {}, 404, 'NotFound'],
  ['an unknown API group', 'GET', '/apis/evil.io/v1/things', undefined, {}, 404, 'NotFound'],
  ['invalid JSON', 'POST', BMH, '{"kind":', json, 400, 'BadRequest'],
  ['a JSON array as object', 'POST', BMH, '[]', json, 400, 'BadRequest'],
  ['an empty body', 'POST', BMH, '', json, 400, 'BadRequest'],
  ['a wrong content type', 'POST', BMH, host({ online: true }), { 'content-type': 'text/plain' }, 415, 'UnsupportedMediaType'],
  ['a body over 3 MiB', 'POST', BMH, Buffer.alloc(4 * 1024 * 1024, 'a'), json, 413, 'RequestEntityTooLarge'],
  ['a missing spec.online', 'POST', BMH, host({}), json, 422, 'Invalid'],
  ['online as a string', 'POST', BMH, host({ online: 'yes' }), json, 422, 'Invalid'],
  ['a bad boot MAC', 'POST', BMH, host({ online: true, bootMACAddress: 'zz:zz' }), json, 422, 'Invalid'],
  ['an invalid image format', 'POST', BMH, host({ online: true, image: { url: 'http://x', format: 'exe' } }), json, 422, 'Invalid'],
  ['an uppercase name', 'POST', BMH, host({ online: true }, 'Bad_Name'), json, 422, 'Invalid'],
  ['a 300-character name', 'POST', BMH, host({ online: true }, 'a'.repeat(300)), json, 422, 'Invalid'],
  ['the wrong kind', 'POST', BMH, JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }), json, 400, 'BadRequest'],
  ['a namespace that does not exist', 'POST', '/apis/metal3.io/v1alpha1/namespaces/nowhere/baremetalhosts', host({ online: true }), json, 404, 'NotFound'],
  ['a duplicate', 'POST', BMH, host({ online: true }, 'h'), json, 409, 'AlreadyExists'],
  ['an unknown field with Strict validation', 'POST', `${BMH}?fieldValidation=Strict`, host({ online: true, bogus: 1 }), json, 400, 'BadRequest'],
  ['an unknown fieldValidation', 'POST', `${BMH}?fieldValidation=Loose`, host({ online: true }), json, 422, 'Invalid'],
  ['dryRun other than All', 'POST', `${BMH}?dryRun=Some`, host({ online: true }), json, 422, 'Invalid'],
  ["a host BMO's webhook refuses", 'POST', BMH, host({ online: true, bmc: { address: 'libvirt://10.0.0.1', credentialsName: 's' } }), json, 403, 'Forbidden'],
  ['a stale resourceVersion', 'PATCH', `${BMH}/h`, JSON.stringify({ metadata: { resourceVersion: '1' }, spec: { online: false } }), merge, 409, 'Conflict'],
  [
    'a strategic merge patch on a custom resource',
    'PATCH',
    `${BMH}/h`,
    '{}',
    { 'content-type': 'application/strategic-merge-patch+json' },
    415,
    'UnsupportedMediaType',
  ],
  ['a JSON patch that is not a list', 'PATCH', `${BMH}/h`, '{"op":"add"}', { 'content-type': 'application/json-patch+json' }, 400, 'BadRequest'],
  [
    'a JSON patch on a missing path',
    'PATCH',
    `${BMH}/h`,
    '[{"op":"remove","path":"/spec/nothing/here"}]',
    { 'content-type': 'application/json-patch+json' },
    422,
    'Invalid',
  ],
  ['a patch that breaks the schema', 'PATCH', `${BMH}/h`, '{"spec":{"online":null}}', merge, 422, 'Invalid'],
  ['a patch of something missing', 'PATCH', `${BMH}/ghost`, '{}', merge, 404, 'NotFound'],
  ['a bad label selector', 'GET', `${BMH}?labelSelector=a%20in%20(b`, undefined, {}, 400, 'BadRequest'],
  ['an unsupported field selector', 'GET', `${BMH}?fieldSelector=spec.online%3Dtrue`, undefined, {}, 400, 'BadRequest'],
  ['a limit strconv.ParseInt refuses', 'GET', `${BMH}?limit=1e3`, undefined, {}, 400, 'BadRequest'],
  ['resourceVersionMatch without a resourceVersion', 'GET', `${BMH}?resourceVersionMatch=NotOlderThan`, undefined, {}, 422, 'Invalid'],
  ['sendInitialEvents on a list', 'GET', `${BMH}?sendInitialEvents=true`, undefined, {}, 422, 'Invalid'],
  ['a made-up continue token', 'GET', `${BMH}?limit=1&continue=abc`, undefined, {}, 410, 'Expired'],
  ['a non-numeric resourceVersion on a watch', 'GET', `${BMH}?watch=true&resourceVersion=abc`, undefined, {}, 400, 'BadRequest'],
  ['timeoutSeconds=soon', 'GET', `${BMH}?watch=true&timeoutSeconds=soon`, undefined, {}, 400, 'BadRequest'],
  ['a method the path does not have', 'PUT', BMH, host({ online: true }), json, 405, 'MethodNotAllowed'],
  ['DeleteOptions that are not JSON', 'DELETE', `${BMH}/h`, 'nope', json, 400, 'BadRequest'],
];

describe('the embedded cluster refuses bad input', () => {
  it.each(CASES)('%s', async (_what, method, path, body, headers = {}, code = 400, reason = 'BadRequest', auth = true) => {
    const before = cluster.store.resourceVersion();
    const answer = await send(method, path, body, headers, auth);
    expect(answer.code).toBe(code);
    expect(answer.status.kind).toBe('Status');
    expect(answer.status.reason).toBe(reason);
    expect(answer.status.message?.length).toBeGreaterThan(0);
    expect(cluster.store.resourceVersion()).toBe(before);
  });

  it('answers 4xx (never 5xx) to random merge patches, and keeps the host valid', async () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer(),
        fc.string({ maxLength: 12 }),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('online', 'image', 'bmc', 'url', 'spec', 'metadata', 'labels', 'status', 'format', 'bootMACAddress', 'x'), tie('value'), {
          maxKeys: 4,
        }),
      ),
    })).value;
    await fc.assert(
      fc.asyncProperty(json, async (patch) => {
        const answer = await send('PATCH', `${BMH}/h`, JSON.stringify(patch), merge);
        expect(answer.code).toBeLessThan(500);
        // Whatever was accepted still fits the schema (like the API server, a host may lose its
        // whole spec, but never keep a spec without a boolean `online`).
        const stored = cluster.store.get(bareMetalHosts, 'metal3', 'h')!;
        expect(stored.metadata.name).toBe('h');
        if (stored.spec !== undefined) expect(typeof (stored.spec as { online?: unknown }).online).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });
});
