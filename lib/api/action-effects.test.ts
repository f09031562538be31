import { describe, expect, it } from 'vitest';
import { HOST_ACTIONS } from './limits';
import { effectOf, HANDFUL, needsConfirmation, needsTypedCount } from './action-effects';

describe('bulk actions ask first (issue 13)', () => {
  it('every action on more than a handful of hosts asks; destructive ones and provision always', () => {
    for (const action of HOST_ACTIONS) expect(needsConfirmation(action, HANDFUL + 1)).toBe(true);
    expect(['delete', 'deprovision', 'power-off', 'provision'].every((a) => needsConfirmation(a as never, 1))).toBe(true);
    expect(needsConfirmation('reboot', HANDFUL)).toBe(false);
    expect(needsTypedCount('delete')).toBe(true);
    expect(needsTypedCount('deprovision')).toBe(false);
  });

  it('says what happens to how many hosts', () => {
    expect(effectOf('delete', 1200)).toMatch(/^1,200 hosts are powered off and deleted/);
    expect(effectOf('provision', 1)).toMatch(/^1 host gets this image/);
    expect(effectOf('power-off', 1)).toBe('1 host is powered off. What runs on it stops.');
    for (const action of HOST_ACTIONS) expect(effectOf(action, 7)).toContain('7 hosts');
  });
});
