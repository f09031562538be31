import { afterEach, describe, expect, it, vi } from 'vitest';
import { idleCollector } from './idle-gc';

afterEach(() => vi.useRealTimers());

describe('the idle collector', () => {
  it('collects once activity has stopped, never during it, and at most once per interval', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const idle = idleCollector({ quietMs: 2000, minIntervalMs: 30_000, now: () => Date.now(), collect });
    for (let i = 0; i < 50; i++) {
      idle.active();
      vi.advanceTimersByTime(100);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2000);
    expect(collect).toHaveBeenCalledTimes(1);
    // A new burst right after: the next collection waits for the interval, then for quiet.
    idle.active();
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(25_000);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(120_000);
    expect(collect).toHaveBeenCalledTimes(2);
    idle.stop();
  });
});
