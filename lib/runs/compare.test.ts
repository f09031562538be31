import { describe, expect, it } from 'vitest';
import { band, compareMetrics, settingsDiff, verdict, type ComparedRun } from './compare';
import type { PhaseReport } from './metrics';

describe('comparison verdicts', () => {
  it.each([
    [0, 'noise'],
    [4.9, 'noise'],
    [-4.9, 'noise'],
    [5, 'minor'],
    [15, 'minor'],
    [-15.1, 'notable'],
    [80, 'notable'],
  ])('a change of %d %% is %s', (change, expected) => {
    expect(band(change)).toBe(expected);
  });

  it.each([
    [100, 50, 'lower-time', { changePercent: -50, band: 'notable', direction: 'faster' }],
    [100, 110, 'lower-time', { changePercent: 10, band: 'minor', direction: 'slower' }],
    [100, 103, 'lower-time', { changePercent: 3, band: 'noise', direction: '' }],
    [100, 300, 'higher-rate', { changePercent: 200, band: 'notable', direction: 'faster' }],
    [100, 80, 'higher-rate', { changePercent: -20, band: 'notable', direction: 'slower' }],
    [2, 1, 'lower-count', { changePercent: -50, band: 'notable', direction: 'better' }],
    [0, 0, 'lower-count', { changePercent: 0, band: 'same', direction: '' }],
    [300, 300, 'neutral', { changePercent: 0, band: 'same', direction: '' }],
    [0, 3, 'lower-count', { changePercent: null, band: 'notable', direction: 'worse' }],
    [null, 3, 'lower-time', { changePercent: null, band: 'n/a', direction: '' }],
    [300, 200, 'neutral', { changePercent: -33.3, band: 'notable', direction: '' }],
  ] as const)('%s → %s (%s)', (base, value, better, expected) => {
    expect(verdict(base, value, better)).toEqual(expected);
  });

  const run = (id: string, duration: number, settings: unknown): ComparedRun => ({
    id,
    name: id,
    settings,
    phases: [{ name: 'Provisioning', durationSeconds: duration, numHosts: 300, errors: 0, stuckHosts: 0 } as PhaseReport],
  });

  it('compares every phase metric of every run against the first', () => {
    const rows = compareMetrics([run('a', 200, {}), run('b', 60, {})]);
    const duration = rows.find((r) => r.metric === 'durationSeconds')!;
    expect(duration.values).toEqual([200, 60]);
    expect(duration.verdicts[0]).toEqual({ changePercent: -70, band: 'notable', direction: 'faster' });
  });

  it('lists only the settings that differ', () => {
    const diff = settingsDiff([
      run('a', 1, { twin: { limits: { qps: 20, burst: 30 }, profile: 'x' } }),
      run('b', 1, { twin: { limits: { qps: 200, burst: 30 }, profile: 'x' } }),
    ]);
    expect(diff).toEqual([{ key: 'twin.limits.qps', values: ['20', '200'] }]);
  });
});
