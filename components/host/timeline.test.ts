import { describe, expect, it } from 'vitest';
import type { BareMetalHostStatus } from '@/lib/bmh/types';
import { phaseBars } from './timeline';

describe('the host timeline (issue 13: a failed provision looked still running)', () => {
  const history = {
    register: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:00:05Z' },
    inspect: { start: '2026-01-01T00:00:05Z', end: '2026-01-01T00:00:20Z' },
    provision: { start: '2026-01-01T00:01:00Z', end: null },
  };

  it('marks the unfinished operation of a host in error as failed, with the error', () => {
    const status = {
      operationHistory: history,
      operationalStatus: 'error',
      errorType: 'provisioning error',
      errorMessage: 'Image provisioning failed',
    } as unknown as BareMetalHostStatus;
    const bars = phaseBars(status);
    expect(bars.map((b) => [b.phase, b.failed])).toEqual([
      ['register', undefined],
      ['inspect', undefined],
      ['provision', 'provisioning error: Image provisioning failed'],
    ]);
  });

  it('a running operation of a healthy host is not failed', () => {
    const bars = phaseBars({ operationHistory: history, operationalStatus: 'OK' } as unknown as BareMetalHostStatus);
    expect(bars.at(-1)!.phase).toBe('provision');
    expect(bars.at(-1)!.end).toBeUndefined();
    expect(bars.at(-1)!.failed).toBeUndefined();
  });
});
