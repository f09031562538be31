import { describe, expect, it } from 'vitest';
import { bmcAddressFor, highestIndex, macFor, planHosts, secretManifest } from './host-factory';

const taken = () => ({ names: new Set<string>(), macs: new Set<string>(), bmcAddresses: new Set<string>() });

describe('fake hosts like the scaling post makes them', () => {
  it('never reuses a name, MAC or BMC address', () => {
    const t = taken();
    t.names.add('worker-0').add('worker-3');
    const first = planHosts(500, 'worker', t, () => 0.5);
    const second = planHosts(500, 'worker', t, () => 0.5);
    const all = [...first, ...second];
    expect(new Set(all.map((h) => h.name)).size).toBe(1000);
    expect(new Set(all.map((h) => h.bootMACAddress)).size).toBe(1000);
    expect(new Set(all.map((h) => h.bmcAddress)).size).toBe(1000);
    expect(first[0]!.name).toBe('worker-4');
    expect(all.every((h) => !['worker-0', 'worker-3'].includes(h.name))).toBe(true);
  });

  it('makes valid MACs and IPMI addresses', () => {
    expect(macFor(0x0a0b0c)).toBe('00:60:2f:0a:0b:0c');
    expect(bmcAddressFor(0)).toBe('ipmi://10.0.0.1:623');
    expect(bmcAddressFor(254)).toBe('ipmi://10.0.1.1:623');
  });

  it('finds the highest index of a prefix', () => {
    expect(highestIndex('worker', ['worker-2', 'worker-10', 'workerx-99', 'other-50'])).toBe(10);
    expect(highestIndex('a.b', ['aXb-5'])).toBe(-1);
  });

  it('puts credentials in the Secret, base64', () => {
    const [host] = planHosts(1, 'w', taken(), () => 0.1);
    const secret = secretManifest(host!, 'metal3');
    expect(Buffer.from(secret.data.username, 'base64').toString()).toBe('admin');
    expect(Buffer.from(secret.data.password, 'base64').toString()).toBe(host!.password);
  });
});
