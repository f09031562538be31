import { describe, expect, it } from 'vitest';
import { bucketFor, curvePoints, fmtSeconds, throughputPoints } from './chart-data';

describe('run chart data', () => {
  it('starts curves at zero', () => {
    expect(
      curvePoints([
        [1, 1],
        [2, 2],
      ]),
    ).toEqual([
      { s: 0, n: 0 },
      { s: 1, n: 1 },
      { s: 2, n: 2 },
    ]);
  });

  it('turns a time-to-N curve into hosts per minute per bucket', () => {
    expect(
      throughputPoints(
        [
          [0.5, 1],
          [1.5, 2],
          [1.9, 3],
          [4.2, 4],
        ],
        2,
      ),
    ).toEqual([
      { s: 0, rate: 90 },
      { s: 2, rate: 0 },
      { s: 4, rate: 30 },
    ]);
  });

  it.each([
    [10, 1],
    [100, 5],
    [1000, 60],
    [1e6, 600],
  ])('buckets a %d s curve into %d s bars', (seconds, bucket) => {
    expect(bucketFor(seconds)).toBe(bucket);
  });

  it.each([
    [null, '–'],
    [1.234, '1.23 s'],
    [42.5, '42.5 s'],
    [125, '2 min 5 s'],
    [179.6, '3 min 0 s'],
  ])('formats %s as %s', (value, text) => {
    expect(fmtSeconds(value)).toBe(text);
  });
});
