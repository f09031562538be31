import { expect, it } from 'vitest';
import { distribution, lags, TransitionLog } from './stats';

it('summarises a distribution with nearest-rank percentiles', () => {
  const d = distribution(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(d).toMatchObject({ n: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  expect(distribution([]).n).toBe(0);
});

it('matches transitions by host, state and occurrence, and measures lag behind the floor', () => {
  const raw = new TransitionLog();
  const sse = new TransitionLog();
  raw.note('a', 'registering', 100);
  raw.note('a', 'inspecting', 110);
  raw.note('a', 'available', 120);
  raw.note('a', 'provisioning', 200);
  raw.note('a', 'available', 300);
  sse.note('a', 'available', 150); // saw only the end of the first round (coalesced)
  sse.note('a', 'available', 160); // no change: ignored
  sse.note('a', 'provisioning', 260);
  sse.note('a', 'available', 330);
  expect(lags(raw, sse).sort((x, y) => x - y)).toEqual([30, 30, 60]);
  expect(raw.lastArrival(['a'], 'available')).toBe(300);
  expect(sse.lastArrival(['a', 'b'], 'available')).toBeUndefined();
  expect(raw.lastArrival(['a'], 'available', 250)).toBe(300);
  expect(raw.lastArrival(['a'], 'available', 301)).toBeUndefined();
});
