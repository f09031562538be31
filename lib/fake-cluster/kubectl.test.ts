/**
 * kubectl interop: the commands a Metal3 developer types, with the real kubectl, against
 * `npm run cluster` (the embedded cluster and the BMO twin in a separate process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/cluster';
import { kubectl, kubectlBackground, startClusterProcess, type ClusterProcess } from '../testing/cluster-process';
import { referencePath, referenceText } from '../testing/reference';

let cluster: ClusterProcess;
const k = (args: string[], input?: string) => kubectl(cluster.kubeconfig, args, input);
const ok = (args: string[], input?: string) => {
  const result = k(args, input);
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
};
const stateOf = (name: string, ns = 'metal3') => k(['get', 'bmh', name, '-n', ns, '-o', 'jsonpath={.status.provisioning.state}']).stdout;

/** What the Metal3 scaling post's script generates: a Secret and a BareMetalHost per host. */
function seedManifests(count: number, online = true): string {
  return Array.from({ length: count }, (_, i) =>
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      `  name: worker-${i}-bmc-secret`,
      'type: Opaque',
      'data:',
      '  username: YWRtaW4=',
      '  password: cGFzc3dvcmQ=',
      '---',
      'apiVersion: metal3.io/v1alpha1',
      'kind: BareMetalHost',
      'metadata:',
      `  name: worker-${i}`,
      'spec:',
      `  online: ${online}`,
      `  bootMACAddress: 00:60:2F:00:00:${i.toString(16).padStart(2, '0')}`,
      '  bmc:',
      `    address: libvirt://192.168.122.${i + 1}:6233/`,
      `    credentialsName: worker-${i}-bmc-secret`,
    ].join('\n'),
  ).join('\n---\n');
}

beforeAll(async () => {
  // A fresh cluster has the kubeconfig's namespace, metal3 (metal3-post.test.ts).
  cluster = await startClusterProcess({ FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' });
});
afterAll(async () => cluster?.stop());

describe('kubectl against npm run cluster', () => {
  it('applies the seed manifests, then again as an update', () => {
    const first = ok(['apply', '-n', 'metal3', '-f', '-'], seedManifests(3));
    expect(first).toContain('secret/worker-0-bmc-secret created');
    expect(first).toContain('baremetalhost.metal3.io/worker-2 created');
    const again = ok(['apply', '-n', 'metal3', '-f', '-'], seedManifests(3));
    expect(again).toContain('baremetalhost.metal3.io/worker-0 unchanged');
    const changed = ok(['apply', '-n', 'metal3', '-f', '-'], seedManifests(3).replace('password: cGFzc3dvcmQ=', 'password: bmV3cGFzcw=='));
    expect(changed).toContain('secret/worker-0-bmc-secret configured');
  });

  it('shows the printer columns and the hosts becoming available', async () => {
    const table = ok(['get', 'bmh', '-n', 'metal3']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+STATE\s+CONSUMER\s+ONLINE\s+ERROR\s+AGE$/);
    await eventually(() => ['worker-0', 'worker-1', 'worker-2'].every((h) => stateOf(h) === 'available'), 20_000, 'available hosts');
    const wide = ok(['get', 'bmh', '-n', 'metal3', '-o', 'wide']);
    expect(wide.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+STATE\s+CONSUMER\s+BMC\s+ONLINE\s+ERROR\s+AGE$/);
    expect(wide).toMatch(/worker-1\s+OK\s+available\s+libvirt:\/\/192\.168\.122\.2:6233\/\s+true/);
    expect(ok(['get', 'bmh', '-A'])).toMatch(/^NAMESPACE\s+NAME\s+STATE/);
  });

  it('kubectl get hfs lists one HostFirmwareSettings per host, as on kind', async () => {
    await eventually(() => ['worker-0', 'worker-1', 'worker-2'].every((h) => k(['get', 'hfs', h, '-n', 'metal3']).status === 0), 10_000, 'the HFS');
    const table = ok(['get', 'hfs', '-n', 'metal3']);
    expect(table.split('\n')[0]).toMatch(/^NAME\s+AGE$/);
    expect(table).toMatch(/^worker-0\s/m);
    expect(
      ok([
        'get',
        'hostfirmwaresettings',
        'worker-0',
        '-n',
        'metal3',
        '-o',
        'jsonpath={.status.schema.name} {.status.conditions[0].type}={.status.conditions[0].status}',
      ]),
    ).toBe('schema-4f53cda1 Valid=True');
    expect(ok(['get', 'firmwareschemas', '-n', 'metal3', '-o', 'name'])).toBe('firmwareschema.metal3.io/schema-4f53cda1\n');
  });

  it('prints the object as YAML with BMO status', () => {
    const yaml = ok(['get', 'bmh', 'worker-0', '-n', 'metal3', '-o', 'yaml']);
    for (const line of [
      'kind: BareMetalHost',
      'state: available',
      'ID: temporary-fake-id',
      'hardwareProfile: libvirt',
      'deviceName: /dev/vda',
      '- baremetalhost.metal3.io',
      'architecture: x86_64',
    ]) {
      expect(yaml).toContain(line);
    }
  });

  it('provisions with a merge patch and deprovisions with a JSON patch while get -w watches', async () => {
    const watch = kubectlBackground(cluster.kubeconfig, ['get', 'bmh', 'worker-1', '-n', 'metal3', '-w', '--output-watch-events']);
    await eventually(() => /worker-1/.test(watch.stdout()), 10_000, 'the watch to start');
    ok([
      'patch',
      'bmh',
      'worker-1',
      '-n',
      'metal3',
      '--type=merge',
      '-p',
      '{"spec":{"image":{"url":"http://192.168.222.1/cirros.img","checksum":"c8fc807773e5354afe61636071771906","format":"qcow2"}}}',
    ]);
    await eventually(() => stateOf('worker-1') === 'provisioned', 20_000, 'worker-1 provisioned');
    ok(['patch', 'bmh', 'worker-1', '-n', 'metal3', '--type=json', '-p', '[{"op":"remove","path":"/spec/image"}]']);
    await eventually(() => stateOf('worker-1') === 'available', 20_000, 'worker-1 available again');
    // The states the watch printed, in order, must include the whole round trip.
    const printed = () => [...watch.stdout().matchAll(/^(ADDED|MODIFIED)\s+worker-1\s+(\S+)/gm)].map((m) => m[2]);
    const roundTrip = ['provisioning', 'provisioned', 'deprovisioning', 'available'];
    const inOrder = () => {
      let i = 0;
      for (const state of printed()) if (state === roundTrip[i]) i++;
      return i === roundTrip.length;
    };
    await eventually(inOrder, 5000, `the watch to print ${roundTrip.join(' → ')} (printed: ${printed().join(' ')})`).catch((error: Error) => {
      throw new Error(`${error.message}; printed ${printed().join(' ')}; stderr ${watch.stderr()}`);
    });
    watch.stop();
    expect(watch.stdout().split('\n')[0]).toMatch(/^EVENT\s+NAME\s+STATE/);
  });

  it('annotates, labels and selects', () => {
    expect(ok(['annotate', 'bmh', 'worker-2', '-n', 'metal3', 'team=scale'])).toContain('annotated');
    expect(ok(['label', 'bmh', 'worker-2', '-n', 'metal3', 'rack=r7'])).toContain('labeled');
    expect(ok(['get', 'bmh', '-n', 'metal3', '-l', 'rack=r7', '-o', 'name'])).toBe('baremetalhost.metal3.io/worker-2\n');
    expect(ok(['get', 'bmh', '-n', 'metal3', '--field-selector', 'metadata.name=worker-0', '-o', 'name'])).toBe('baremetalhost.metal3.io/worker-0\n');
  });

  it('describes a host with its events', () => {
    const text = ok(['describe', 'bmh', 'worker-0', '-n', 'metal3']);
    expect(text).toMatch(/Name:\s+worker-0/);
    expect(text).toMatch(/Events:/);
    expect(text).toMatch(/Registered/);
    expect(text).toMatch(/InspectionComplete/);
  });

  it('deletes through the delete flow and returns when the host is gone', () => {
    const result = ok(['delete', 'bmh', 'worker-0', '-n', 'metal3']);
    expect(result).toContain('baremetalhost.metal3.io "worker-0" deleted');
    expect(k(['get', 'bmh', 'worker-0', '-n', 'metal3']).stderr).toContain('baremetalhosts.metal3.io "worker-0" not found');
    // Its BMC Secret and HardwareData go with it (finalizers released, owner gone).
    return eventually(
      () => k(['get', 'secret', 'worker-0-bmc-secret', '-n', 'metal3']).status !== 0 && k(['get', 'hd', 'worker-0', '-n', 'metal3']).status !== 0,
      10_000,
      'dependents to go',
    );
  });

  it('lists the API resources with Metal3 short names', () => {
    const text = ok(['api-resources']);
    expect(text).toMatch(/baremetalhosts\s+bmh,bmhost\s+metal3\.io\/v1alpha1\s+true\s+BareMetalHost/);
    expect(text).toMatch(/hardwaredata\s+hd\s+metal3\.io\/v1alpha1\s+true\s+HardwareData/);
    expect(text).toMatch(/secrets\s+v1\s+true\s+Secret/);
  });

  it('explains the BareMetalHost fields from the served OpenAPI', () => {
    const text = ok(['explain', 'bmh.spec.online']);
    expect(text).toMatch(/KIND:\s+BareMetalHost/);
    expect(text).toMatch(/FIELD:\s+online <boolean>/);
  });

  it('creates a BMC Secret the imperative way, and a host that uses it registers', async () => {
    ok(['create', 'secret', 'generic', 'imperative-bmc', '-n', 'metal3', '--from-literal=username=admin', '--from-literal=password=s3cret']);
    const manifest = seedManifests(1)
      .split('---')
      .pop()!
      .replace(/worker-0-bmc-secret/, 'imperative-bmc')
      .replace(/worker-0/, 'imperative');
    ok(['apply', '-n', 'metal3', '-f', '-'], manifest);
    await eventually(() => stateOf('imperative', 'metal3') === 'available', 20_000, 'the host to become available');
  });

  it('accepts the upstream example manifest unchanged and reports a missing secret like BMO', async () => {
    ok(['create', 'namespace', 'examples']);
    ok(['apply', '-n', 'examples', '-f', referencePath('example-host.yaml')]);
    await eventually(() => stateOf('example-baremetalhost', 'examples') === 'available', 20_000, 'the example host');
    const bare = referenceText('example-host.yaml')
      .split('---')
      .find((d) => d.includes('BareMetalHost'))!
      .replace('example-baremetalhost', 'orphan');
    ok(['apply', '-n', 'examples', '-f', '-'], bare.replace('example-baremetalhost-secret', 'no-such-secret'));
    await eventually(
      () => k(['get', 'bmh', 'orphan', '-n', 'examples', '-o', 'jsonpath={.status.errorType}']).stdout === 'registration error',
      10_000,
      'a registration error',
    );
    expect(ok(['get', 'bmh', 'orphan', '-n', 'examples', '-o', 'jsonpath={.status.errorMessage}'])).toBe(
      "BMC CredentialsName secret doesn't exist The BMC secret examples/no-such-secret does not exist",
    );
  });

  it("refuses what BMO's webhook refuses, as kubectl shows it on kind", () => {
    const result = k(
      ['apply', '-f', '-'],
      'apiVersion: metal3.io/v1alpha1\nkind: BareMetalHost\nmetadata:\n  name: no-mac\nspec:\n  online: true\n  bmc:\n    address: libvirt://192.168.122.9:6233/\n    credentialsName: s\n',
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      'Error from server (Forbidden): error when creating "STDIN": admission webhook "baremetalhost.metal3.io" denied the request: BMC driver libvirt requires a BootMACAddress value',
    );
    expect(k(['get', 'bmh', 'no-mac']).status).not.toBe(0);
    // Update rules: the boot MAC cannot change once set (baremetalhost_validation.go:123).
    const patched = k(['patch', 'bmh', 'worker-2', '--type=merge', '-p', '{"spec":{"bootMACAddress":"00:60:2f:99:99:99"}}']);
    expect(patched.stderr).toContain('admission webhook "baremetalhost.metal3.io" denied the request: bootMACAddress can not be changed once it is set');
  });

  it('refuses an invalid host with the field named', () => {
    const result = k(
      ['apply', '-n', 'metal3', '-f', '-'],
      'apiVersion: metal3.io/v1alpha1\nkind: BareMetalHost\nmetadata:\n  name: broken\nspec:\n  bootMACAddress: nope\n',
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('spec.online: Required value');
    expect(result.stderr).toContain('spec.bootMACAddress');
  });
});
