import { expect, it } from 'vitest';
import { renderReport, type ScenarioResult } from './report';

const result: ScenarioResult = {
  name: 'storm-10k',
  hosts: 10_000,
  profile: 'instant',
  seconds: 300,
  phases: [
    { name: 'create → available', seconds: { raw: 55, kubectl: 55.2, sse: 55.1, page: 55.3 }, transitionsPerSecond: 909.4, writesPerSecond: 3100 },
    { name: 'delete → gone', seconds: { raw: 20 }, transitionsPerSecond: 500, writesPerSecond: 1500 },
  ],
  lag: { sse: { n: 10, p50: 50, p95: 120, p99: 140, max: 200, mean: 60 }, page: { n: 10, p50: 90, p95: 350, p99: 400, max: 500, mean: 100 } },
  sseBytesPerTransition: 300,
  watchBytesPerEvent: 4000,
  server: { peakRssMB: 500, meanCpu: 150 },
  settled: { rssMB: 380, dashboardMB: 200, clusterMB: 180 },
  firstRender: { ms: 900, hosts: 10_000, steps: { 'stream-open': 120, 'snapshot-received': 400.4, 'snapshot-parsed': 450 } },
  firstRenderAfterStorm: { ms: 1200, hosts: 10_000 },
  longestTaskMs: 120,
  longTasks: 3,
  browserHeapMB: 60,
  watchEvents: 80_000,
};

it('prints the figures with the budgets they meet or miss, for the fleet size measured', () => {
  const text = renderReport([result]);
  expect(text).toContain('| create → available | 55.0 | 55.2 | 55.1 | 55.3 | ≤ 60 s ✅ |');
  expect(text).toContain('| create → available | 909 | 3,100 |');
  expect(text).toContain('| p95 | — | 120 | 350 | SSE ≤ 150 ✅, page ≤ 300 ❌ |');
  expect(text).toContain('300 / 4000 = 7.5 % | ≤ 10 % ✅');
  expect(text).toContain('| 200 + 180 = 380 MB | ≤ 400 MB at 10k ✅ |');
  expect(text).toContain('right after the creation storm | 1200 ms | ≤ 1 s ❌ |');
  expect(text).toContain('with the fleet settled | 900 ms | ≤ 1 s ✅ |');
  expect(text).toContain('| … ms from navigation: stream-open / snapshot-received / snapshot-parsed | 120 / 400 / 450 | |');
  expect(text).toContain('(3 long tasks) | 120 ms | ≤ 200 ms ✅ |');
});

it('holds a 100,000-host fleet to the 100k budgets', () => {
  const text = renderReport([
    {
      ...result,
      hosts: 100_000,
      phases: [{ ...result.phases[0]!, seconds: { raw: 590 } }],
      settled: { rssMB: 1600, dashboardMB: 700, clusterMB: 900 },
      longestTaskMs: 450,
    },
  ]);
  expect(text).toContain('| create → available | 590.0 | — | — | — | ≤ 600 s ✅ |');
  expect(text).toContain('= 1600 MB | ≤ 1500 MB at 100k ❌ |');
  expect(text).toContain('| 450 ms | ≤ 500 ms ✅ |');
  expect(text).toContain('with the fleet settled | 900 ms | ≤ 4 s ✅ |');
});
