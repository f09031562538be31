import { describe, expect, it } from 'vitest';
import type { PhaseReport } from './metrics';
import { evaluateThresholds, metricValue, totalsOf } from './thresholds';

const phase = (name: string, values: Partial<PhaseReport>): PhaseReport => ({ name, errors: 0, stuckHosts: 0, ...values }) as PhaseReport;
const phases = [phase('Enrollment', { throughputHostsPerMin: 120, p95Seconds: 3, errors: 2 }), phase('Provisioning', { p95Seconds: null, stuckHosts: 1 })];
const totals = totalsOf(phases, 50);

describe('thresholds', () => {
  it('sums errors and stuck hosts over phases', () => {
    expect(totals).toEqual({ errors: 2, stuckHosts: 1, durationSeconds: 50 });
  });

  it.each([
    [{ metric: 'Enrollment.throughputHostsPerMin', min: 100 }, true, 120],
    [{ metric: 'Enrollment.throughputHostsPerMin', min: 121 }, false, 120],
    [{ metric: 'Enrollment.p95Seconds', max: 3 }, true, 3],
    [{ metric: 'Enrollment.p95Seconds', max: 2.9 }, false, 3],
    [{ metric: 'errors', max: 0 }, false, 2],
    [{ metric: 'stuckHosts', max: 1 }, true, 1],
    [{ metric: 'durationSeconds', min: 10, max: 60 }, true, 50],
    [{ metric: 'Provisioning.p95Seconds', max: 1000 }, false, null],
  ])('%j → pass %s (value %s)', (threshold, pass, value) => {
    const [result] = evaluateThresholds([threshold], phases, totals);
    expect(result).toMatchObject({ pass, value });
    if (!pass) expect(result!.reason).toBeTruthy();
  });

  it('an unknown phase has no value at all', () => {
    expect(metricValue('Deletion.p95Seconds', phases, totals)).toBeUndefined();
  });
});
