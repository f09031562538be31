import { describe, expect, it } from 'vitest';
import type { HostView, OperationTimes } from './host-view';
import { percentile, phaseStats } from './phase-stats';

const host = (times: Partial<OperationTimes>): HostView =>
  ({ operationHistory: { register: [null, null], inspect: [null, null], provision: [null, null], deprovision: [null, null], ...times } }) as HostView;

describe('phase statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });

  it('counts only completed operations', () => {
    const stats = phaseStats([
      host({ inspect: [0, 2000], provision: [0, 10_000] }),
      host({ inspect: [1000, 4000], provision: [5000, null] }),
      host({ inspect: [0, 1000] }),
    ]);
    const inspect = stats.find((s) => s.phase === 'inspect')!;
    expect(inspect).toMatchObject({ count: 3, p50: 2000, p95: 3000, max: 3000 });
    expect(inspect.histogram.find((b) => b.le === 2)!.count).toBe(1);
    expect(inspect.histogram.find((b) => b.le === 5)!.count).toBe(1);
    expect(stats.find((s) => s.phase === 'provision')).toMatchObject({ count: 1, max: 10_000 });
    expect(stats.find((s) => s.phase === 'register')!.count).toBe(0);
  });
});
