import { describe, expect, it } from 'vitest';
import { COLUMNS, fitColumns, splitForMiddleEllipsis } from './table-columns';

const keys = (width: number) => fitColumns(width).shown.map((c) => c.key);

describe('host table columns at any width (issue 13: layout at 1440, 800 and 390 px)', () => {
  it('a wide table shows every column', () => {
    expect(keys(200)).toEqual(COLUMNS.map((c) => c.key));
  });

  it('a phone keeps selection, name and state; nothing is cut halfway, the rest is listed as hidden', () => {
    const { shown, hidden } = fitColumns(20);
    expect(shown.map((c) => c.key)).toEqual(['select', 'name', 'state']);
    expect(shown.length + hidden.length).toBe(COLUMNS.length);
    expect(shown.reduce((sum, c) => sum + c.min, 0)).toBeLessThanOrEqual(20);
  });

  it('at 800 px the error and BMC columns are in view', () => {
    expect(keys(46)).toEqual(expect.arrayContaining(['name', 'state', 'errorType', 'bmcAddress']));
  });
});

describe('middle ellipsis', () => {
  it('keeps the tail of a BMC address, where hosts differ', () => {
    expect(splitForMiddleEllipsis('libvirt://192.168.122.1:6233/worker-17')).toEqual(['libvirt://192.168.122.1:', '6233/worker-17']);
    expect(splitForMiddleEllipsis('ipmi://10.0.0.1')).toEqual(['i', 'pmi://10.0.0.1']);
    expect(splitForMiddleEllipsis('redfish://x')).toEqual(['', 'redfish://x']);
  });
});
