import { describe, expect, it } from 'vitest';
import { countHosts } from './counts';
import { FleetIndex } from './fleet-index';
import { toHostView, type HostView } from './host-view';
import type { BareMetalHost } from './types';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const bmh = (state: string, extra: Partial<BareMetalHost['status']> = {}, name = 'w0'): BareMetalHost => ({
  metadata: { name, namespace: 'metal3', uid: `uid-${name}`, creationTimestamp: '2026-11-23T09:00:00Z' },
  spec: {
    online: true,
    bmc: { address: 'ipmi://10.0.0.1:623', credentialsName: 's' },
    bootMACAddress: '00:60:2f:00:00:01',
    consumerRef: { name: 'm1' },
    image: { url: 'http://i' },
  },
  status: { provisioning: { state }, operationalStatus: 'OK', poweredOn: true, errorCount: 0, errorMessage: '', ...extra },
});

describe('HostView', () => {
  it('projects the fields the table needs and nothing else', () => {
    const view = toHostView(bmh('available', { operationHistory: { register: { start: '2026-11-23T09:00:01Z', end: '2026-11-23T09:00:02Z' } } }), T0);
    expect(view).toEqual({
      namespace: 'metal3',
      name: 'w0',
      uid: 'uid-w0',
      state: 'available',
      operationalStatus: 'OK',
      errorType: '',
      errorMessage: '',
      errorCount: 0,
      online: true,
      poweredOn: true,
      consumer: 'm1',
      image: 'http://i',
      bmcAddress: 'ipmi://10.0.0.1:623',
      bootMACAddress: '00:60:2f:00:00:01',
      created: Date.parse('2026-11-23T09:00:00Z'),
      lastTransition: Date.parse('2026-11-23T09:00:02Z'),
      operationHistory: {
        register: [Date.parse('2026-11-23T09:00:01Z'), Date.parse('2026-11-23T09:00:02Z')],
        inspect: [null, null],
        provision: [null, null],
        deprovision: [null, null],
      },
    });
  });

  it('calls a host without a state "none"', () => expect(toHostView({ ...bmh(''), status: undefined }, T0).state).toBe('none'));

  it('keeps lastTransition while the state holds and stamps a change with now', () => {
    const first = toHostView(bmh('inspecting'), T0);
    const same = toHostView(bmh('inspecting', { poweredOn: false }), T0 + 5000, first);
    expect(same.lastTransition).toBe(first.lastTransition);
    const moved = toHostView(bmh('preparing'), T0 + 9000, same);
    expect(moved.lastTransition).toBe(T0 + 9000);
  });
});

describe('FleetIndex', () => {
  const view = (name: string, state: string, extra: Partial<HostView> = {}): HostView => ({ ...toHostView(bmh(state, {}, name), T0), ...extra });

  it('keeps counts equal to a full recount through upserts and deletes', () => {
    const index = new FleetIndex();
    index.apply({ upserts: [view('a', 'registering'), view('b', 'available'), view('c', 'available', { poweredOn: false })], deletes: [] });
    index.apply({
      upserts: [view('a', 'available'), view('b', 'provisioning', { operationalStatus: 'error' })],
      deletes: [{ namespace: 'metal3', name: 'c' }],
    });
    expect(index.counts).toEqual(countHosts(index.values()));
    expect(index.counts).toEqual({ total: 2, byState: { available: 1, provisioning: 1 }, error: 1, poweredOff: 0, detached: 0, delayed: 0 });
  });

  it('ignores deletes of hosts it does not have', () => {
    const index = new FleetIndex();
    index.apply({ upserts: [], deletes: [{ namespace: 'x', name: 'y' }] });
    expect(index.counts.total).toBe(0);
  });
});
