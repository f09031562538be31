import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countHosts } from '../bmh/counts';
import type { HostView } from '../bmh/host-view';
import { decodeSnapshot, encodeSnapshot, SNAPSHOT_FIELDS } from './snapshot-codec';
import { decodeMessage } from './protocol';

const time = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2 ** 42 }));
const pair = fc.tuple(time, time);
const host: fc.Arbitrary<HostView> = fc
  .record({
    namespace: fc.constantFrom('metal3', 'bench', ''),
    name: fc.string({ maxLength: 12 }),
    uid: fc.uuid(),
    state: fc.constantFrom('available', 'provisioned', 'registering', ''),
    operationalStatus: fc.constantFrom('OK', 'error', 'detached'),
    errorType: fc.constantFrom('', 'inspection error'),
    errorMessage: fc.string({ maxLength: 20 }),
    errorCount: fc.nat(9),
    online: fc.boolean(),
    poweredOn: fc.boolean(),
    consumer: fc.string({ maxLength: 8 }),
    image: fc.constantFrom('', 'http://images/os.qcow2'),
    bmcAddress: fc.string({ maxLength: 20 }),
    bootMACAddress: fc.string({ maxLength: 17 }),
    created: fc.oneof(fc.integer({ min: 0, max: 2 ** 42 }), fc.double({ min: 0, max: 2 ** 42, noNaN: true })),
    lastTransition: fc.integer({ min: 0, max: 2 ** 42 }),
    operationHistory: fc.record({ register: pair, inspect: pair, provision: pair, deprovision: pair }),
    deleting: fc.boolean(),
  })
  .map(({ deleting, ...h }) => (deleting ? { ...h, deleting: true as const } : h));

describe('the snapshot as rows (version 2)', () => {
  it('decodes to exactly what was encoded, key order included', () => {
    fc.assert(
      fc.property(fc.array(host, { maxLength: 20 }), fc.nat(), (hosts, seq) => {
        const snapshot = { seq, hosts, counts: countHosts(hosts) };
        const decoded = decodeSnapshot(JSON.parse(encodeSnapshot(snapshot)));
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(snapshot));
        expect(decodeMessage('snapshot', encodeSnapshot(snapshot))).toEqual({ event: 'snapshot', data: snapshot });
      }),
    );
  });

  it('names its fields and version, and still reads the object form', () => {
    const wire = JSON.parse(encodeSnapshot({ seq: 1, hosts: [], counts: countHosts([]) }));
    expect(wire).toMatchObject({ v: 2, fields: [...SNAPSHOT_FIELDS], rows: [] });
    const old = { seq: 1, hosts: [], counts: countHosts([]) };
    expect(decodeMessage('snapshot', JSON.stringify(old))).toEqual({ event: 'snapshot', data: old });
    expect(() => decodeSnapshot({ ...wire, v: 3 })).toThrow(/version 3/);
  });
});
