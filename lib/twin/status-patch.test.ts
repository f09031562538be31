import { describe, expect, it } from 'vitest';
import { secretInfo, statusOps } from './status-patch';
import { host, NOW } from './test-hosts';

describe('the status patch', () => {
  it('leaves the conditions alone on a credentials error: that path returns before computeConditions (ctrl:197-214, :267)', () => {
    const h = host({ state: 'registering' });
    const current = {
      ...h.bmh.status!,
      conditions: [{ type: 'Ready', status: 'False' as const, reason: 'NotProvisioned', message: '', lastTransitionTime: NOW }],
    };
    const ops = statusOps(h, current, { operationalStatus: 'error', errorType: 'registration error', errorMessage: 'x', errorCount: 1 }, NOW);
    expect(ops.some((op) => op.path === '/status/conditions')).toBe(false);
    expect(statusOps(h, current, { operationalStatus: 'OK' }, NOW).some((op) => op.path === '/status/conditions')).toBe(true);
  });

  it('reads a Secret as BMO does: trimmed fields, owners by uid, its type', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const info = secretInfo({
      metadata: { resourceVersion: '4', ownerReferences: [{ apiVersion: 'metal3.io/v1alpha1', kind: 'BareMetalHost', name: 'a', uid: 'u1' }] },
      data: { username: b64('admin\n'), password: b64(' \t\n') },
    } as never);
    expect(info).toEqual({ resourceVersion: '4', hasUsername: true, hasPassword: false, claimed: false, owners: ['u1'], type: 'Opaque' });
  });
});
