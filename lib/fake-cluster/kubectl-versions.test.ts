/**
 * The issue asks for kubectl 1.27 to 1.33: each version found beside /usr/bin/kubectl runs the
 * core of a Metal3 developer's workflow against `npm run cluster` (the newest runs everything
 * in kubectl.test.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/cluster';
import { kubectl, startClusterProcess, type ClusterProcess } from '../testing/cluster-process';

const SDK = '/usr/lib/google-cloud-sdk/bin';
const VERSIONS = existsSync(SDK)
  ? readdirSync(SDK)
      .filter((f) => /^kubectl\.1\.\d+$/.test(f))
      .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
  : [];

let cluster: ClusterProcess;
beforeAll(async () => {
  cluster = await startClusterProcess({ FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' });
});
afterAll(async () => cluster?.stop());

const host = (ns: string) => `apiVersion: v1
kind: Secret
metadata: {name: h-bmc, namespace: ${ns}}
data: {username: YWRtaW4=, password: cGFzc3dvcmQ=}
---
apiVersion: metal3.io/v1alpha1
kind: BareMetalHost
metadata: {name: h, namespace: ${ns}}
spec:
  online: true
  bootMACAddress: "00:60:2f:00:00:01"
  bmc: {address: "ipmi://192.168.111.1:623", credentialsName: h-bmc}
`;

describe.skipIf(VERSIONS.length === 0)('older kubectl versions against npm run cluster', () => {
  it.each(VERSIONS)('%s: create namespace, apply, get with printer columns, patch, delete', async (binary) => {
    const run = (args: string[], input?: string) => {
      const r = kubectl(cluster.kubeconfig, args, input, 60_000, `${SDK}/${binary}`);
      if (r.status !== 0) throw new Error(`${binary} ${args.join(' ')}: ${r.stderr}`);
      return { out: r.stdout, err: r.stderr };
    };
    const ns = `v${binary.split('.')[2]}`;
    run(['create', 'namespace', ns]);
    expect(run(['apply', '-f', '-'], host(ns)).out).toContain('baremetalhost.metal3.io/h created');
    await eventually(() => run(['get', 'bmh', 'h', '-n', ns, '-o', 'jsonpath={.status.provisioning.state}']).out === 'available', 20_000, 'available');
    const table = run(['get', 'bmh', '-n', ns]);
    expect(table.out.split('\n')[0]).toMatch(/^NAME\s+STATE\s+CONSUMER\s+ONLINE\s+ERROR\s+AGE$/);
    expect(table.err).toBe('');
    expect(run(['get', 'bmh', '-n', ns, '-o', 'wide']).out.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+STATE\s+CONSUMER\s+BMC\s+ONLINE\s+ERROR\s+AGE$/);
    run([
      'patch',
      'bmh',
      'h',
      '-n',
      ns,
      '--type=merge',
      '-p',
      '{"spec":{"image":{"url":"http://192.168.222.1/cirros.img","checksum":"c8fc807773e5354afe61636071771906"}}}',
    ]);
    await eventually(() => run(['get', 'bmh', 'h', '-n', ns, '-o', 'jsonpath={.status.provisioning.state}']).out === 'provisioned', 20_000, 'provisioned');
    expect(run(['apply', '-f', '-'], host(ns)).err).toBe('');
    expect(run(['delete', 'bmh', 'h', '-n', ns]).out).toContain('deleted');
    expect(kubectl(cluster.kubeconfig, ['get', 'bmh', 'h', '-n', ns], undefined, 60_000, `${SDK}/${binary}`).status).not.toBe(0);
  });
});
