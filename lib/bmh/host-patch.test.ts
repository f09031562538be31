import { describe, expect, it } from 'vitest';
import { applyPatch, diffView } from './host-patch';
import type { HostView } from './host-view';

const base: HostView = {
  namespace: 'metal3',
  name: 'w0',
  uid: 'u',
  state: 'registering',
  operationalStatus: '',
  errorType: '',
  errorMessage: '',
  errorCount: 0,
  online: true,
  poweredOn: false,
  consumer: '',
  image: '',
  bmcAddress: 'ipmi://x',
  bootMACAddress: '00:60:2f:00:00:01',
  created: 1,
  lastTransition: 1,
  operationHistory: { register: [1000, null], inspect: [null, null], provision: [null, null], deprovision: [null, null] },
};

describe('host patches', () => {
  it('carry only what changed, and rebuild the same view', () => {
    const after: HostView = {
      ...base,
      state: 'inspecting',
      operationalStatus: 'OK',
      lastTransition: 2,
      operationHistory: { ...base.operationHistory, register: [1000, 2000], inspect: [2000, null] },
    };
    const patch = diffView(base, after)!;
    expect(patch).toEqual({
      namespace: 'metal3',
      name: 'w0',
      state: 'inspecting',
      operationalStatus: 'OK',
      lastTransition: 2,
      operationHistory: { register: [1000, 2000], inspect: [2000, null] },
    });
    expect(applyPatch(base, patch)).toEqual(after);
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(after).length / 2);
  });

  it('is nothing when nothing changed', () => expect(diffView(base, { ...base })).toBeUndefined());

  it('sets and clears the deleting flag', () => {
    const deleting = { ...base, deleting: true as const };
    expect(applyPatch(base, diffView(base, deleting)!).deleting).toBe(true);
    expect('deleting' in applyPatch(deleting, diffView(deleting, base)!)).toBe(false);
  });

  it('can be applied twice', () => {
    const after = { ...base, poweredOn: true };
    const patch = diffView(base, after)!;
    expect(applyPatch(applyPatch(base, patch), patch)).toEqual(after);
  });
});
