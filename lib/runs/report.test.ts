import { describe, expect, it } from 'vitest';
import { attributeWaits, ratePoints } from './bottleneck';
import { emptyRecord, noteWrite, observe } from './record';
import { buildReport, reportCsv, reportJsonl } from './report';
import { validateScenario } from './scenario';
import type { RunSettings } from './settings';

const T0 = 5_000_000;
const settings: RunSettings = {
  cluster: { mode: 'embedded', server: 'https://127.0.0.1:1', context: 'fleetscope' },
  fleetscopeVersion: '0.1.0',
  operator: 'twin',
  twin: { profile: 'instant', limits: { concurrency: 8, qps: 20, burst: 30 }, failureRates: {} },
};
const scenario = validateScenario({
  name: 'two hosts',
  steps: [{ create: { count: 2 } }, { waitFor: { state: 'available' } }],
  thresholds: [{ metric: 'Enrollment.p95Seconds', max: 1.5 }],
});

function record() {
  const r = emptyRecord();
  for (const key of ['ns/a', 'ns/b']) noteWrite(r, 'Enrollment', key, T0);
  observe(r, 'ns/a', T0 + 1000, { state: 'available', poweredOn: false, errorType: '' });
  observe(r, 'ns/b', T0 + 2000, { state: 'available', poweredOn: false, errorType: '' });
  return r;
}

describe('the report', () => {
  const input = {
    id: 'r1',
    scenario,
    settings,
    record: record(),
    samples: [],
    status: 'passed' as const,
    startedAt: T0,
    finishedAt: T0 + 3000,
    now: T0 + 3000,
  };

  it('fails the run when a threshold fails, and says which', () => {
    const report = buildReport(input);
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/Enrollment.p95Seconds/);
    expect(report.thresholds[0]).toMatchObject({ value: 2, pass: false });
  });

  it('passes when every threshold holds', () => {
    const report = buildReport({ ...input, scenario: { ...scenario, thresholds: [{ metric: 'Enrollment.p95Seconds', max: 2 }] } });
    expect(report.status).toBe('passed');
  });

  it('prints one JSON line per phase in the shape of BMO scalability test', () => {
    const lines = reportJsonl(buildReport(input)).trim().split('\n');
    expect(lines).toEqual(['{"phase":"Enrollment","numHosts":2,"maxConcurrentReconciles":8,"durationSeconds":2,"throughputHostsPerMin":60}']);
  });

  it('writes one CSV row per host with its phase durations', () => {
    expect(reportCsv(buildReport(input), input.record)).toBe('namespace,name,EnrollmentSeconds\nns,a,1\nns,b,2\n');
  });

  it('says plainly when nothing about waiting can be read', () => {
    const report = buildReport({ ...input, settings: { ...settings, twin: 'unknown', operator: 'none' } });
    expect(report.bottleneck.available).toBe(false);
    expect(report.bottleneck.note).toMatch(/real BMO/);
    expect(reportJsonl(report)).toContain('"maxConcurrentReconciles":null');
  });
});

describe('bottleneck attribution', () => {
  const samples = [
    { t: 0, writes: 0, limiterWaitMs: 0, workerWaitMs: 0 },
    { t: 1000, writes: 20, limiterWaitMs: 3000, workerWaitMs: 1000 },
    { t: 2000, writes: 50, limiterWaitMs: 5000, workerWaitMs: 1000 },
  ];

  it('splits each interval by how many hosts of each phase were on their way', () => {
    const spans = [
      {
        name: 'A',
        spans: [
          [0, 2000],
          [0, 2000],
        ] as [number, number][],
      },
      { name: 'B', spans: [[0, 1000]] as [number, number][] },
    ];
    const [a, b] = attributeWaits(samples, spans);
    // interval 1: A 2/3, B 1/3 of 3 s limiter, 1 s worker; interval 2: A all of 2 s limiter.
    expect(a).toMatchObject({ limiterWaitSeconds: 4, workerWaitSeconds: 0.7, hostSeconds: 4, limiterShare: 1 });
    expect(b).toMatchObject({ limiterWaitSeconds: 1, workerWaitSeconds: 0.3, hostSeconds: 1, limiterShare: 1 });
  });

  it('has no shares without wait counters', () => {
    const [a] = attributeWaits(
      [
        { t: 0, writes: 0 },
        { t: 1000, writes: 5 },
      ],
      [{ name: 'A', spans: [[0, 1000]] }],
    );
    expect(a).toMatchObject({ limiterShare: null, workerShare: null });
  });

  it('turns cumulative writes into writes per second, merging samples closer than 0.5 s', () => {
    expect(ratePoints(samples, 0).map((p) => p.writesPerSecond)).toEqual([20, 30]);
    expect(
      ratePoints(
        [
          { t: 0, writes: 0 },
          { t: 1000, writes: 20 },
          { t: 1030, writes: 21 },
          { t: 2000, writes: 40 },
        ],
        0,
      ).map((p) => p.writesPerSecond),
    ).toEqual([20, 20]);
  });

  it('says how much of each phase the twin wrote at its QPS limit', () => {
    const writes = [
      { t: 0, writes: 0 },
      { t: 1000, writes: 20 },
      { t: 2000, writes: 25 },
      { t: 3000, writes: 45 },
    ];
    const [a, b] = attributeWaits(
      writes,
      [
        { name: 'A', spans: [[0, 3000]] },
        { name: 'B', spans: [[1000, 2000]] },
      ],
      20,
    );
    expect(a!.atQpsLimitShare).toBeCloseTo(2 / 3, 3);
    expect(b!.atQpsLimitShare).toBe(0);
    expect(attributeWaits(writes, [{ name: 'A', spans: [[0, 3000]] }], 0)[0]!.atQpsLimitShare).toBeNull();
  });
});
