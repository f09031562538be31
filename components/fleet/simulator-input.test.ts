import { describe, expect, it } from 'vitest';
import { bottleneck, checkLimit, checkPercent, formatPercent } from './simulator-input';

describe('the simulator panel inputs', () => {
  it('refuses rates outside 0–100 % with a message, and accepts fractions of a percent', () => {
    expect(checkPercent('150')).toEqual({ ok: false, message: '150 % refused: a rate is between 0 and 100 %' });
    expect(checkPercent('-1')).toMatchObject({ ok: false });
    expect(checkPercent('abc')).toMatchObject({ ok: false });
    expect(checkPercent('')).toMatchObject({ ok: false });
    expect(checkPercent('2.5')).toEqual({ ok: true, value: 0.025 });
  });

  it('shows the rate it applied, not a rounded one', () => {
    expect(formatPercent(0.025)).toBe('2.5');
    expect(formatPercent(0.001)).toBe('0.1');
    expect(formatPercent(1)).toBe('100');
    expect(formatPercent(0.07)).toBe('7');
  });

  it('refuses limits the twin could not honour', () => {
    expect(checkLimit('concurrency', '-1')).toMatchObject({ ok: false });
    expect(checkLimit('concurrency', '2.5')).toMatchObject({ ok: false });
    expect(checkLimit('qps', '1e-300')).toMatchObject({ ok: false, message: expect.stringContaining('0.01') });
    expect(checkLimit('qps', '0')).toEqual({ ok: true, value: 0 });
    expect(checkLimit('qps', '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(checkLimit('burst', '30')).toEqual({ ok: true, value: 30 });
  });

  it('names the limit the fleet waits on', () => {
    expect(bottleneck({ queueDepth: 0, busyWorkers: 2, limiterQueued: 0 }, { concurrency: 8, qps: 20 })).toBeUndefined();
    expect(bottleneck({ queueDepth: 0, busyWorkers: 8, limiterQueued: 42 }, { concurrency: 8, qps: 20 })).toBe(
      'waiting on client rate limit (20 QPS): 42 writes queued',
    );
    expect(bottleneck({ queueDepth: 52, busyWorkers: 8, limiterQueued: 0 }, { concurrency: 8, qps: 20 })).toBe(
      'waiting for a worker (8 of 8 busy): 52 hosts queued',
    );
    // Writes still draining after the limiter was turned off are not a rate limit.
    expect(bottleneck({ queueDepth: 0, busyWorkers: 8, limiterQueued: 9 }, { concurrency: 0, qps: 0 })).toBeUndefined();
  });
});
