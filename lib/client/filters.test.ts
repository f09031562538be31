import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { HostView } from '../bmh/host-view';
import { filterToParams, matchesFilter, naturalCompare, naturalKey, parseFilter, selectHosts, DEFAULT_FILTER, SORT_KEYS } from './filters';
import { hostsCsv, toCsv } from './export';

const view = (name: string, extra: Partial<HostView> = {}): HostView => ({
  namespace: 'metal3',
  name,
  uid: name,
  state: 'available',
  operationalStatus: 'OK',
  errorType: '',
  errorMessage: '',
  errorCount: 0,
  online: true,
  poweredOn: true,
  consumer: '',
  image: '',
  bmcAddress: `ipmi://10.0.0.${name.length}:623`,
  bootMACAddress: '00:60:2f:00:00:01',
  created: 0,
  lastTransition: 0,
  operationHistory: { register: [null, null], inspect: [null, null], provision: [null, null], deprovision: [null, null] },
  ...extra,
});

describe('host filters', () => {
  it('round-trips through the URL', () => {
    const filter = {
      ...DEFAULT_FILTER,
      state: 'powering off before delete',
      power: 'off' as const,
      text: 'worker-1',
      sort: 'state' as const,
      dir: 'desc' as const,
    };
    expect(parseFilter(filterToParams(filter))).toEqual(filter);
    expect(filterToParams(DEFAULT_FILTER).toString()).toBe('');
  });

  it('ignores junk in the URL', () => {
    expect(parseFilter(new URLSearchParams('sort=__proto__&power=maybe&dir=sideways&q=' + 'x'.repeat(500)))).toEqual(DEFAULT_FILTER);
  });

  it('matches state, status, error, power, namespace and text', () => {
    const h = view('worker-7', {
      state: 'provisioning',
      operationalStatus: 'error',
      errorType: 'provisioning error',
      poweredOn: false,
      image: 'http://img/cirros',
    });
    expect(
      matchesFilter(h, {
        ...DEFAULT_FILTER,
        state: 'provisioning',
        operationalStatus: 'error',
        errorType: 'provisioning error',
        power: 'off',
        namespace: 'metal3',
        text: 'CIRROS',
      }),
    ).toBe(true);
    expect(matchesFilter(h, { ...DEFAULT_FILTER, power: 'on' })).toBe(false);
    expect(matchesFilter(h, { ...DEFAULT_FILTER, text: 'worker-8' })).toBe(false);
  });

  it('sorts names naturally and states in lifecycle order', () => {
    const hosts = [view('worker-10'), view('worker-9', { state: 'registering' }), view('worker-1', { state: 'provisioned' })];
    expect(selectHosts(hosts, DEFAULT_FILTER).map((h) => h.name)).toEqual(['worker-1', 'worker-9', 'worker-10']);
    expect(selectHosts(hosts, { ...DEFAULT_FILTER, sort: 'state' }).map((h) => h.state)).toEqual(['registering', 'available', 'provisioned']);
  });
});

describe('natural order', () => {
  it('orders digit runs as numbers', () => {
    const names = ['worker-10', 'worker-9', 'worker-100', 'worker-009x', 'a', 'worker-1a', 'worker-1', 'b2', 'b10'];
    expect([...names].sort(naturalCompare)).toEqual(['a', 'b2', 'b10', 'worker-1', 'worker-1a', 'worker-9', 'worker-009x', 'worker-10', 'worker-100']);
  });
});

describe('CSV export', () => {
  it('quotes and neutralises formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=cmd()'],
          ['say "hi"', 3],
        ],
      ),
    ).toBe('a,b\n"x,y",\'=cmd()\n"say ""hi""",3\n');
  });
  it('has one row per host with ISO times', () => {
    const csv = hostsCsv([view('w0', { created: Date.parse('2026-11-23T10:00:00Z') })]);
    const [header, row] = csv.trim().split('\n');
    expect(header!.split(',')).toHaveLength(row!.split(',').length);
    expect(row).toContain('2026-11-23T10:00:00.000Z');
  });
});

describe('natural order, as a sort key', () => {
  it('orders any two names as the character-by-character comparison it replaced', () => {
    const name = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', 'a', 'b', 'Z', '-', '.', ':', '/'), maxLength: 16 });
    fc.assert(
      fc.property(name, name, (a, b) => Math.sign(naturalCompare(a, b)) === Math.sign(referenceNaturalCompare(a, b))),
      { numRuns: 2000 },
    );
  });
});

/** The hand-rolled comparison the sort key replaced (kept here as the oracle). */
function referenceNaturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = ca >= 48 && ca <= 57;
    const db = cb >= 48 && cb <= 57;
    if (da && db) {
      let ei = i;
      let ej = j;
      while (ei < a.length && a.charCodeAt(ei) >= 48 && a.charCodeAt(ei) <= 57) ei++;
      while (ej < b.length && b.charCodeAt(ej) >= 48 && b.charCodeAt(ej) <= 57) ej++;
      // Compare digit runs as numbers: the longer run (ignoring leading zeros) is larger.
      let si = i;
      let sj = j;
      while (si < ei - 1 && a.charCodeAt(si) === 48) si++;
      while (sj < ej - 1 && b.charCodeAt(sj) === 48) sj++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

describe('every column sorts ascending as its cells read (issue 13: "Age" ascending listed the oldest first)', () => {
  const order = (hosts: HostView[], sort: (typeof SORT_KEYS)[number], dir: 'asc' | 'desc' = 'asc') =>
    selectHosts(hosts, { ...DEFAULT_FILTER, sort, dir }).map((h) => h.name);
  const now = 1_000_000;
  const aged = [
    view('old', { created: now - 86_400_000, lastTransition: now - 3_600_000 }),
    view('new', { created: now - 5_000, lastTransition: now - 1_000 }),
    view('mid', { created: now - 600_000, lastTransition: now - 60_000 }),
  ];

  it('"Age" and "In state" show durations: ascending is the shortest first, descending the longest', () => {
    expect(order(aged, 'created')).toEqual(['new', 'mid', 'old']);
    expect(order(aged, 'created', 'desc')).toEqual(['old', 'mid', 'new']);
    expect(order(aged, 'lastTransition')).toEqual(['new', 'mid', 'old']);
    expect(order(aged, 'lastTransition', 'desc')).toEqual(['old', 'mid', 'new']);
  });

  it('text columns in natural order, empty cells last whichever the direction', () => {
    const hosts = [view('a', { consumer: 'm-10' }), view('b', { consumer: '' }), view('c', { consumer: 'm-9' })];
    expect(order(hosts, 'consumer')).toEqual(['c', 'a', 'b']);
    expect(order(hosts, 'consumer', 'desc')).toEqual(['a', 'c', 'b']);
    const errors = [view('a'), view('b', { errorType: 'registration error' }), view('c', { errorType: 'inspection error' })];
    expect(order(errors, 'errorType')).toEqual(['c', 'b', 'a']);
    expect(order(errors, 'errorType', 'desc')).toEqual(['b', 'c', 'a']);
  });

  it('Online and Power: false/off before true/on; State in lifecycle order; ties by namespace and name', () => {
    const hosts = [view('x', { poweredOn: true, online: true }), view('y', { poweredOn: false, online: false }), view('w', { poweredOn: true, online: false })];
    expect(order(hosts, 'poweredOn')).toEqual(['y', 'w', 'x']);
    expect(order(hosts, 'online')).toEqual(['w', 'y', 'x']);
    expect(order([view('p', { state: 'provisioned' }), view('r', { state: 'registering' })], 'state')).toEqual(['r', 'p']);
  });
});

describe('names with one natural key', () => {
  it('sort the same whatever order they come in ("b-03" and "b-3")', () => {
    const a = [view('b-3'), view('b-03')];
    expect(selectHosts(a, DEFAULT_FILTER).map((h) => h.name)).toEqual(selectHosts([...a].reverse(), DEFAULT_FILTER).map((h) => h.name));
  });
});

describe('the natural key', () => {
  it('is the digit runs without leading zeros, each after its two-digit length', () => {
    const reference = (v: string) => v.replace(/\d+/g, (run) => String(run.replace(/^0+(?=\d)/, '').length).padStart(2, '0') + run.replace(/^0+(?=\d)/, ''));
    const name = fc.string({ unit: fc.constantFrom('0', '1', '9', 'a', '-', '.'), maxLength: 130 });
    fc.assert(
      fc.property(name, (v) => naturalKey(v) === reference(v)),
      { numRuns: 2000 },
    );
  });
});
