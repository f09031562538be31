import fc from 'fast-check';
import { expect, it } from 'vitest';
import { countHosts } from './counts';
import { FleetIndex } from './fleet-index';
import type { HostView } from './host-view';

const view = fc
  .record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    state: fc.constantFrom('none', 'registering', 'available', 'provisioned', 'deleting'),
    operationalStatus: fc.constantFrom('', 'OK', 'error', 'detached', 'delayed'),
    poweredOn: fc.boolean(),
  })
  .map((v): HostView => ({
    namespace: 'ns',
    name: v.name,
    uid: v.name,
    state: v.state,
    operationalStatus: v.operationalStatus,
    errorType: '',
    errorMessage: '',
    errorCount: 0,
    online: true,
    poweredOn: v.poweredOn,
    consumer: '',
    image: '',
    bmcAddress: '',
    bootMACAddress: '',
    created: 0,
    lastTransition: 0,
    operationHistory: { register: [null, null], inspect: [null, null], provision: [null, null], deprovision: [null, null] },
  }));

it('running counts always equal a recount, and states sum to the total', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          view.map((v) => ({ upsert: v })),
          fc.constantFrom('a', 'b', 'c', 'd', 'e').map((name) => ({ remove: name })),
        ),
        { maxLength: 60 },
      ),
      (ops) => {
        const index = new FleetIndex();
        for (const op of ops) {
          if ('upsert' in op) index.apply({ upserts: [op.upsert], deletes: [] });
          else index.apply({ upserts: [], deletes: [{ namespace: 'ns', name: op.remove }] });
          expect(index.counts).toEqual(countHosts(index.values()));
          expect(Object.values(index.counts.byState).reduce((a, b) => a + b, 0)).toBe(index.counts.total);
        }
      },
    ),
  );
});
