/**
 * The stream's snapshot is exact: a client that takes it at any moment and then folds every
 * message after it holds exactly what GET /api/hosts answers once the hub has flushed. A property
 * over random interleavings of host changes, timed and forced flushes, clock steps and connects.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetIndex } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import { EventHub, type HubMessage } from './hub';
import { foldMessage, initialStreamState, type StreamState } from '../stream/fold';
import { decodeMessage } from '../stream/protocol';

const view = (name: string, state: string, uid = name): HostView => ({
  namespace: 'ns',
  name,
  uid,
  state,
  operationalStatus: 'OK',
  errorType: '',
  errorMessage: '',
  errorCount: 0,
  online: true,
  poweredOn: state !== 'available',
  consumer: '',
  image: '',
  bmcAddress: '',
  bootMACAddress: '',
  created: 0,
  lastTransition: 0,
  operationHistory: { register: [null, null], inspect: [null, null], provision: [null, null], deprovision: [null, null] },
});

const dataText = (m: HubMessage) =>
  new TextDecoder()
    .decode(m.bytes)
    .split('\n')
    .find((l) => l.startsWith('data: '))!
    .slice(6);

/** A stream client as the browser folds it (lib/stream/fold.ts): the snapshot, then every message after it. */
function connect(hub: EventHub): { index: FleetIndex; seq: number } {
  let state: StreamState = initialStreamState();
  const client = { index: state.index, seq: 0 };
  const fold = (m: HubMessage) => {
    const message = decodeMessage(m.event, dataText(m));
    if (message) state = foldMessage(state, message);
    client.seq = state.seq;
  };
  fold(hub.snapshot());
  hub.subscribe((m) => {
    if (m.event === 'delta' && m.seq > client.seq) fold(m);
  });
  return client;
}

const sorted = (index: FleetIndex) => index.list().sort((a, b) => a.name.localeCompare(b.name));

type Step =
  | { op: 'set'; host: number; state: string; replace: boolean }
  | { op: 'delete'; host: number }
  | { op: 'tick'; ms: number }
  | { op: 'flush'; force: boolean }
  | { op: 'connect' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      host: fc.nat(2),
      state: fc.constantFrom('available', 'provisioning'),
      replace: fc.constantFrom(false, false, false, true),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), host: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flush' as const), force: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('connect' as const) }) },
);

let hub: EventHub | undefined;
afterEach(() => hub?.close());

function run(steps: Step[]) {
  let now = 1000;
  let generation = 0;
  const index = new FleetIndex();
  hub = new EventHub(index, { now: () => now, flushMs: 1e9 });
  const clients = [connect(hub)];
  for (const s of steps) {
    if (s.op === 'set') {
      const name = `h${s.host}`;
      const uid = s.replace ? `${name}-${++generation}` : (index.get(`ns/${name}`)?.uid ?? name);
      const v = view(name, s.state, uid);
      index.upsert(v);
      hub.noteChange(`ns/${name}`, v);
    } else if (s.op === 'delete') {
      if (index.remove(`ns/h${s.host}`)) hub.noteChange(`ns/h${s.host}`, undefined);
    } else if (s.op === 'tick') now += s.ms;
    else if (s.op === 'flush') hub.flush(s.force);
    else clients.push(connect(hub));
  }
  hub.flush(true);
  return { index, clients };
}

describe('the exact snapshot', () => {
  it('A→B→A within one flush: a client whose snapshot was taken at B still ends on A', () => {
    const { index, clients } = run([
      { op: 'set', host: 0, state: 'available', replace: false },
      { op: 'flush', force: true },
      { op: 'set', host: 0, state: 'provisioning', replace: false },
      { op: 'connect' },
      { op: 'set', host: 0, state: 'available', replace: false },
    ]);
    for (const client of clients) expect(sorted(client.index)).toEqual(sorted(index));
  });

  it('snapshot + later deltas = GET /api/hosts, for any interleaving of changes, flushes and connects', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40 }), (steps) => {
        const { index, clients } = run(steps);
        const truth = sorted(index);
        for (const client of clients) {
          expect(sorted(client.index)).toEqual(truth);
          expect(client.index.counts).toEqual(index.counts);
        }
        hub!.close();
      }),
      {
        numRuns: 500,
        examples: [
          [
            [
              { op: 'set', host: 0, state: 'available', replace: false },
              { op: 'flush', force: true },
              { op: 'set', host: 0, state: 'provisioning', replace: false },
              { op: 'connect' },
              { op: 'set', host: 0, state: 'available', replace: false },
            ],
          ],
        ],
      },
    );
  });

  it('clients connecting between two messages share one encoded snapshot', () => {
    const index = new FleetIndex();
    hub = new EventHub(index, { flushMs: 1e9 });
    index.upsert(view('a', 'available'));
    hub.noteChange('ns/a', index.get('ns/a'));
    hub.flush();
    const first = hub.snapshot();
    index.upsert(view('b', 'available'));
    hub.noteChange('ns/b', index.get('ns/b'));
    expect(hub.snapshot().bytes).toBe(first.bytes);
    hub.flush();
    expect(hub.snapshot().bytes).not.toBe(first.bytes);
  });
});
