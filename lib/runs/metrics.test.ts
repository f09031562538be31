import { describe, expect, it } from 'vitest';
import { percentile, phaseReports, timeToShare, walkHost, type PhaseReport } from './metrics';
import { derivePhases } from './phases';
import { emptyRecord, GONE, noteWrite, noteWriteFailed, observe, type RunRecord } from './record';

const T0 = 1_000_000;
const s = (seconds: number) => T0 + seconds * 1000;

/** Host walks: [seconds, state, poweredOn?, errorType?] observations. */
function recordOf(hosts: Record<string, [number, string, boolean?, string?][]>, writes: Record<string, Record<string, number>>): RunRecord {
  const record = emptyRecord();
  for (const [key, obs] of Object.entries(hosts)) {
    for (const [t, state, on, err] of obs) observe(record, key, s(t), state === GONE ? undefined : { state, poweredOn: on ?? false, errorType: err ?? '' });
  }
  for (const [phase, starts] of Object.entries(writes)) for (const [key, t] of Object.entries(starts)) noteWrite(record, phase, key, s(t));
  return record;
}

const steps = [{ create: { count: 4 } }, { waitFor: { state: 'available' } }, { provision: {} }, { delete: {} }];

describe('phase derivation', () => {
  it.each([
    [steps, ['Enrollment', 'Provisioning', 'Deletion']],
    [
      [{ create: {} }, { powerOff: {} }, { powerOn: {} }, { powerOff: {} }, { pause: {} }],
      ['Enrollment', 'PowerOff', 'PowerOn', 'PowerOff-2'],
    ],
    [
      [{ create: {} }, { provision: {} }, { deprovision: {} }, { provision: {} }],
      ['Enrollment', 'Provisioning', 'Deprovisioning', 'Provisioning-2'],
    ],
  ])('%j → %j', (input, names) => {
    expect(derivePhases(input).map((p) => p.name)).toEqual(names);
  });
});

describe('percentiles and time to share', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[7], 99, 7],
    [[], 50, null],
  ])('nearest rank of %j at p%d is %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('time to 50 % of 4 hosts is when the 2nd got there; 100 % is null when one never did', () => {
    expect(timeToShare([s(1), s(2), s(3)], 4, 0.5, T0)).toBe(2);
    expect(timeToShare([s(1), s(2), s(3)], 4, 1, T0)).toBeNull();
  });
});

describe('phase metrics from a hand-made record', () => {
  const record = recordOf(
    {
      'ns/a': [
        [0.1, 'none'],
        [0.2, 'registering'],
        [0.5, 'inspecting'],
        [2.5, 'preparing'],
        [2.6, 'available'],
        [10.0, 'provisioning'],
        [20.0, 'provisioned', true],
        [30.0, GONE],
      ],
      'ns/b': [
        [0.1, 'none'],
        [0.3, 'registering'],
        [0.6, 'inspecting'],
        [3.6, 'available'],
        [10.0, 'provisioning'],
        [22.0, 'provisioned', true],
        [31.0, GONE],
      ],
      'ns/c': [
        [1.1, 'registering'],
        [1.5, 'inspecting'],
        [4.0, 'inspecting', false, 'inspection error'],
        [9.0, 'available'],
        [10.0, 'provisioning'],
      ],
      'ns/d': [
        [1.1, 'registering'],
        [1.2, 'inspecting'],
      ],
    },
    { Enrollment: { 'ns/a': 0, 'ns/b': 0, 'ns/c': 1, 'ns/d': 1 }, Provisioning: { 'ns/a': 10, 'ns/b': 10, 'ns/c': 10 }, Deletion: { 'ns/a': 29, 'ns/b': 29 } },
  );
  noteWrite(record, 'Deletion', 'ns/e', s(29));
  noteWriteFailed(record, 'Deletion', 'ns/e', 'forbidden');
  const [enroll, provision, deletion] = phaseReports(derivePhases(steps), record, s(40), 5) as [PhaseReport, PhaseReport, PhaseReport];

  it('Enrollment: hosts, duration from first write to last arrival, throughput, shares', () => {
    expect(enroll).toMatchObject({ name: 'Enrollment', numHosts: 4, reached: 3, notReached: 1, durationSeconds: 9, throughputHostsPerMin: 20 });
    expect(enroll).toMatchObject({ t50Seconds: 3.6, t90Seconds: null, t100Seconds: null });
    // per host: a 2.6, b 3.6, c 8.0
    expect(enroll).toMatchObject({ p50Seconds: 3.6, p95Seconds: 8, maxSeconds: 8 });
    expect(enroll.perHost).toEqual({ 'ns/a': 2.6, 'ns/b': 3.6, 'ns/c': 8 });
    expect(enroll.curve).toEqual([
      [2.6, 1],
      [3.6, 2],
      [9, 3],
    ]);
  });

  it('Enrollment: states passed through, errors by type, stuck hosts (d has sat in inspecting since 1.2 s)', () => {
    expect(enroll.intermediate).toEqual({ none: 2, registering: 4, inspecting: 4, preparing: 1 });
    expect(enroll.errorsByType).toEqual({ 'inspection error': 1 });
    expect(enroll.errors).toBe(1);
    // d: inspecting from 1.2 s until the next phase… it has none, so until now (40 s).
    expect(enroll.stuck).toEqual([
      { host: 'ns/d', state: 'inspecting', seconds: 38.8 },
      { host: 'ns/c', state: 'inspecting', seconds: 7.5 },
    ]);
  });

  it('Provisioning: c never got there, and its wait ends when nothing later wrote to it', () => {
    expect(provision).toMatchObject({ numHosts: 3, reached: 2, durationSeconds: 12, p50Seconds: 10, maxSeconds: 12, t50Seconds: 12 });
    expect(provision.intermediate).toEqual({ provisioning: 3 });
  });

  it('Deletion: gone is a target, failed writes count as errors', () => {
    expect(deletion).toMatchObject({ numHosts: 2, reached: 2, durationSeconds: 2, errors: 1, errorsByType: { 'write error': 1 } });
  });

  it('a host already at the target when written to took 0 s', () => {
    const r = recordOf({ 'ns/a': [[0, 'available', true]] }, { PowerOn: { 'ns/a': 5 } });
    const [, on] = phaseReports(derivePhases([{ create: {} }, { powerOn: {} }]), r, s(10), 60);
    expect(on).toMatchObject({ reached: 1, durationSeconds: 0, p50Seconds: 0 });
  });

  it('a stay ends at the next phase that writes to the host', () => {
    const walk = walkHost('ns/x', [[s(0), 'inspecting', 0, '']], { state: 'available' }, s(0), s(3), 2000);
    expect(walk.stuck).toEqual({ host: 'ns/x', state: 'inspecting', seconds: 3 });
    expect(walk.reachedAt).toBeUndefined();
  });

  it('records only changes', () => {
    const r = emptyRecord();
    expect(observe(r, 'k', 1, { state: 'a', poweredOn: false, errorType: '' })).toBe(true);
    expect(observe(r, 'k', 2, { state: 'a', poweredOn: false, errorType: '' })).toBe(false);
    expect(observe(r, 'k', 3, undefined)).toBe(true);
    expect(observe(r, 'unknown', 3, undefined)).toBe(false);
    expect(r.hosts.k).toHaveLength(2);
  });
});
