import { describe, expect, it } from 'vitest';
import { exitCodeOf, parseArgs, phaseTable } from './cli-format';
import type { RunReport } from './report';

describe('scenario CLI arguments', () => {
  it.each([
    [['s.yaml'], { file: 's.yaml', out: undefined, url: undefined }],
    [['s.yaml', '--out', 'r.json', '--url', 'http://127.0.0.1:3000/'], { file: 's.yaml', out: 'r.json', url: 'http://127.0.0.1:3000' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toEqual(expected);
  });

  it.each([[[]], [['a', 'b']], [['a', '--url']], [['a', '--url', 'ftp://x']], [['a', '--verbose']]])('refuses %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow();
  });

  it.each([
    ['passed', 0],
    ['failed', 1],
    ['errored', 2],
    ['cancelled', 2],
  ] as const)('exit code for %s is %d', (status, code) => {
    expect(exitCodeOf(status)).toBe(code);
  });

  it('prints a phase table and the thresholds', () => {
    const report = {
      status: 'failed',
      reason: 'threshold failed',
      thresholds: [{ metric: 'errors', max: 0, value: 1, pass: false }],
      phases: [
        {
          name: 'Enrollment',
          numHosts: 10,
          reached: 10,
          durationSeconds: 3.21,
          throughputHostsPerMin: 186.9,
          t50Seconds: 1,
          t90Seconds: 2,
          t100Seconds: 3.21,
          p50Seconds: 1.5,
          p95Seconds: 2.5,
          p99Seconds: 2.5,
          maxSeconds: 2.5,
          errors: 1,
          stuckHosts: 0,
        },
      ],
    } as unknown as RunReport;
    const text = phaseTable(report);
    expect(text).toMatch(/^phase\s+hosts\s+reached\s+duration s/);
    expect(text).toMatch(/Enrollment\s+10\s+10\s+3.2\s+186.9/);
    expect(text).toContain('FAIL  errors <= 0 (value 1)');
    expect(text).toContain('status: failed (threshold failed)');
  });
});
