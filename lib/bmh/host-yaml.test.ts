import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { consumerLink, hostYaml } from './host-yaml';
import type { BareMetalHost } from './types';

const host = {
  status: { provisioning: { state: 'available', ID: 'x' }, poweredOn: true },
  spec: { online: true, bmc: { address: 'ipmi://10.0.0.1:623', credentialsName: 'h-bmc-secret' }, consumerRef: { kind: 'Metal3Machine', name: 'm-1' } },
  metadata: { name: 'h', namespace: 'ns', uid: 'u', managedFields: [{ manager: 'kubectl' }], annotations: { b: '1', a: '2' } },
} as unknown as BareMetalHost;

describe("a host's YAML, as kubectl get bmh -o yaml prints it", () => {
  it('has apiVersion and kind, sorted keys, no managedFields, and nothing but Secret names', () => {
    const text = hostYaml(host);
    expect(text.split('\n').slice(0, 3)).toEqual(['apiVersion: metal3.io/v1alpha1', 'kind: BareMetalHost', 'metadata:']);
    expect(text).not.toContain('managedFields');
    expect(text.indexOf('  a: "2"')).toBeLessThan(text.indexOf('  b: "1"'));
    expect(text.indexOf('spec:')).toBeLessThan(text.indexOf('status:'));
    expect(parse(text)).toMatchObject({ spec: { bmc: { credentialsName: 'h-bmc-secret' } }, status: { provisioning: { ID: 'x' } } });
  });
});

describe("a host's consumer, as a link", () => {
  const inFleet = (ns: string, name: string) => ns === 'ns' && name === 'other';
  it('to the host page when it is a host of the fleet', () => {
    expect(consumerLink({ kind: 'BareMetalHost', name: 'other' }, 'ns', inFleet)).toEqual({ label: 'BareMetalHost ns/other', href: '/hosts/ns/other' });
  });
  it('to the docs and a kubectl command for a known kind, and to the hosts sharing it', () => {
    expect(consumerLink({ kind: 'Metal3Machine', name: 'm-1', namespace: 'cluster' }, 'ns', inFleet)).toMatchObject({
      href: '/?q=m-1',
      command: 'kubectl get metal3machines.infrastructure.cluster.x-k8s.io -n cluster m-1 -o yaml',
    });
    expect(consumerLink(undefined, 'ns', inFleet)).toBeUndefined();
  });
});
