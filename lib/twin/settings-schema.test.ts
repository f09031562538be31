import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock';
import { limitsFor } from './limits';
import { SettingsPatchSchema } from '../api/contract';
import { applySettingsPatch } from './settings-schema';
import { settingsFor } from './settings';
import { TokenBucket } from './token-bucket';

describe('the simulator settings', () => {
  it('refuse a QPS that would stall every write (1e-300 made the twin spin and log 1,600 lines a second)', () => {
    const result = SettingsPatchSchema.safeParse({ limits: { qps: 1e-300 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['limits', 'qps'], message: 'must be 0 (no limit) or between 0.01 and 100000' });
    expect(SettingsPatchSchema.safeParse({ limits: { qps: 0 } }).success).toBe(true);
    expect(SettingsPatchSchema.safeParse({ limits: { concurrency: -1 } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ failureRates: { provision: 1.5 } }).success).toBe(false);
  });

  it('apply a limits preset, then any single limit on top of it', () => {
    const base = settingsFor('bmo-test-mode');
    expect(applySettingsPatch(base, { limitsPreset: 'tuned' }).limits).toEqual(limitsFor('tuned'));
    expect(applySettingsPatch(base, { limitsPreset: 'unlimited', limits: { qps: 5 } }).limits).toEqual({ concurrency: 64, qps: 5, burst: 0 });
    expect(applySettingsPatch(base, { profile: 'fast' }).limits).toEqual(base.limits);
  });

  it('keep the limiter to one timer while a write waits, however slow the rate', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket(1e-300, 1, clock);
    void bucket.take();
    void bucket.take();
    await clock.advance(60_000);
    expect(clock.pendingTimers).toBe(1);
    expect(bucket.waiting).toBe(1);
  });
});
