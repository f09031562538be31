import { expect, it } from 'vitest';
import { renderReport, type ScenarioResult } from './report';

const result: ScenarioResult = {
  name: 'storm-10k',
  hosts: 10_000,
  profile: 'fast',
  seconds: 300,
  phases: [{ name: 'create → available', seconds: { raw: 100, kubectl: 101.2, sse: 100.1, page: 100.2 } }],
  lag: { sse: { n: 10, p50: 50, p95: 120, p99: 140, max: 200, mean: 60 }, page: { n: 10, p50: 90, p95: 350, p99: 400, max: 500, mean: 100 } },
  sseBytesPerTransition: 300,
  watchBytesPerEvent: 4000,
  server: { peakRssMB: 500, meanCpu: 150, settledRssMB: 380 },
  firstRender: { ms: 900, hosts: 10_000 },
  longestTaskMs: 120,
  longTasks: 3,
  browserHeapMB: 60,
  watchEvents: 80_000,
};

it('prints the figures with the budgets they meet or miss', () => {
  const text = renderReport([result]);
  expect(text).toContain('| create → available | 100.0 | 101.2 | 100.1 | 100.2 |');
  expect(text).toContain('| p95 | — | 120 | 350 | SSE ≤ 150 ✅, page ≤ 300 ❌ |');
  expect(text).toContain('300 / 4000 = 7.5 % | ≤ 10 % ✅');
  expect(text).toContain('| server RSS with the fleet settled (dashboard + cluster + twin) | 380 MB | ≤ 400 MB at 10k ✅ |');
  expect(text).toContain('900 ms | ≤ 1.5 s at 10k ✅');
});
