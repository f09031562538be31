/**
 * Requests kube-apiserver refuses, refused the same way (and nothing changes): creates and
 * delete-collection on a namespaced kind's cluster-wide path, delete-collection of Namespaces,
 * server-side apply (field ownership is not tracked, so it is refused with a clear message), and
 * bodies nested deeper than anything real (a 500 from a stack overflow before).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDataDir } from '../config/data-dir';
import { bmhManifest, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import { bareMetalHosts, namespaces } from './resources';
import { nestingDepth } from './http/io';

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

async function send(method: string, path: string, body?: string, contentType = 'application/json') {
  const res = await request(`${cluster.url}${path}`, {
    method: method as 'GET',
    dispatcher: agent,
    headers: { authorization: `Bearer ${cluster.token}`, 'content-type': contentType },
    body,
  });
  return { code: res.statusCode, status: (await res.body.json()) as { kind: string; reason: string; message: string } };
}

const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const MERGE = 'application/merge-patch+json';

const CASES: [string, string, string, string | undefined, string, number, string, RegExp?][] = [
  [
    'create on the cluster-wide path of BareMetalHosts',
    'POST',
    '/apis/metal3.io/v1alpha1/baremetalhosts',
    JSON.stringify(bmhManifest('x', 'metal3')),
    'application/json',
    405,
    'MethodNotAllowed',
    /needs a namespace/,
  ],
  [
    'create on the cluster-wide path of Secrets',
    'POST',
    '/api/v1/secrets',
    JSON.stringify(secretManifest('x', 'metal3')),
    'application/json',
    405,
    'MethodNotAllowed',
  ],
  ['delete-collection of every Secret in the cluster', 'DELETE', '/api/v1/secrets', undefined, 'application/json', 405, 'MethodNotAllowed'],
  [
    'delete-collection of every BareMetalHost in the cluster',
    'DELETE',
    '/apis/metal3.io/v1alpha1/baremetalhosts',
    undefined,
    'application/json',
    405,
    'MethodNotAllowed',
  ],
  ['delete-collection of Namespaces', 'DELETE', '/api/v1/namespaces', undefined, 'application/json', 405, 'MethodNotAllowed'],
  [
    'server-side apply',
    'PATCH',
    '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/h?fieldManager=x',
    'spec:\n  online: false\n',
    'application/apply-patch+yaml',
    415,
    'UnsupportedMediaType',
    /server-side apply is not supported.*kubectl apply without --server-side/,
  ],
  [
    'a merge patch 100,000 levels deep',
    'PATCH',
    '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/h',
    `{"metadata":{"annotations":${deep(100_000)}}}`,
    MERGE,
    400,
    'BadRequest',
    /nested more than 1000 levels/,
  ],
  [
    'a merge patch 5,000 levels deep',
    'PATCH',
    '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/h',
    `{"spec":${deep(5000)}}`,
    MERGE,
    400,
    'BadRequest',
  ],
  [
    'a JSON patch with a deep value',
    'PATCH',
    '/apis/metal3.io/v1alpha1/namespaces/metal3/baremetalhosts/h',
    `[{"op":"add","path":"/status","value":${deep(50_000)}}]`,
    'application/json-patch+json',
    400,
    'BadRequest',
  ],
  [
    'a create 50,000 arrays deep',
    'POST',
    '/api/v1/namespaces/metal3/secrets',
    `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"d"},"data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
    'application/json',
    400,
    'BadRequest',
  ],
];

describe('the embedded cluster refuses what kube-apiserver refuses', () => {
  it.each(CASES)('%s', async (_what, method, path, body, type, code, reason, message) => {
    const before = cluster.store.resourceVersion();
    const answer = await send(method, path, body, type);
    expect(answer.code).toBe(code);
    expect(answer.status.reason).toBe(reason);
    if (message) expect(answer.status.message).toMatch(message);
    expect(cluster.store.resourceVersion()).toBe(before);
    expect(cluster.store.count(namespaces)).toBeGreaterThanOrEqual(5);
    expect(cluster.store.get(bareMetalHosts, 'metal3', 'h')).toBeDefined();
  });

  it('counts nesting outside strings only', () => {
    expect(nestingDepth('{"a":"{{{{[[[["}')).toBe(1);
    expect(nestingDepth('{"a":"\\"{{"}')).toBe(1);
    expect(nestingDepth(deep(10))).toBe(10);
  });

  it('kubectl apply --server-side says why it is refused', async () => {
    const kubeconfig = cluster.kubeconfigPath;
    const manifest = join(cluster.dataDir, 'h.yaml');
    writeFileSync(manifest, 'apiVersion: metal3.io/v1alpha1\nkind: BareMetalHost\nmetadata:\n  name: h\n  namespace: metal3\nspec:\n  online: false\n');
    // Asynchronously: the cluster answers from this process's event loop.
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, 'apply', '--server-side', '-f', manifest]);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/server-side apply is not supported/);
  });

  it('an unusable FLEET_DATA_DIR is refused at start, naming the variable', () => {
    const file = join(cluster.dataDir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => checkDataDir(join(file, 'data'))).toThrow(/FLEET_DATA_DIR: .*a-file\/data cannot be used .*ENOTDIR/);
    expect(() => checkDataDir(join(cluster.dataDir, 'fine'))).not.toThrow();
  });
});
