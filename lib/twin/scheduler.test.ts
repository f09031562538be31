/**
 * The scheduler on a virtual clock: BMO's default limits (main.go:219-222, :648-676) bound how
 * fast a fleet moves, counted in writes and limiter waits, never in wall time.
 */
import { describe, expect, it } from 'vitest';
import type { BareMetalHost, BareMetalHostStatus } from '../bmh/types';
import { VirtualClock } from './clock';
import { toTwinHost, type SecretInfo } from './host';
import { limitsFor } from './limits';
import { HostScheduler } from './scheduler';
import { DEFAULT_LIMITS } from './settings';
import { matchStage, type Step } from './stages';
import type { Limits } from './profiles';

const secret: SecretInfo = { resourceVersion: '1', hasUsername: true, hasPassword: true, claimed: true, owners: ['uid'], type: 'Opaque' };
const world = { secret: () => secret };

/** The writes of each reconcile one new host makes on its way to available (every step is one API call). */
function lifecycleWrites(): number[] {
  let bmh: BareMetalHost = {
    metadata: { name: 'h', namespace: 'ns', uid: 'uid', generation: 1 },
    spec: { online: true, bmc: { address: 'ipmi://10.0.0.1', credentialsName: 's' } },
  };
  const writes: number[] = [];
  for (let i = 0; i < 40; i++) {
    const host = toTwinHost(bmh);
    const stage = matchStage(host, world);
    if (!stage) break;
    const steps: Step[] = stage.act(host, { now: '2026-12-01T00:00:00Z', world });
    writes.push(steps.length);
    for (const step of steps) {
      if (step.kind === 'status') bmh = { ...bmh, status: { ...bmh.status, ...(step.set as BareMetalHostStatus) } };
      if (step.kind === 'object')
        bmh = { ...bmh, metadata: { ...bmh.metadata, ...(step.patch.metadata as object) }, spec: { ...bmh.spec, ...(step.patch.spec as object) } };
    }
    if (bmh.status?.provisioning?.state === 'available' && bmh.status.poweredOn) break;
  }
  return writes;
}

/** Runs `hosts` hosts through their reconciles with no stage delays; returns what was seen. */
async function storm(hosts: number, limits: Limits) {
  const clock = new VirtualClock();
  const perHost = lifecycleWrites();
  const done = new Map<string, number>();
  const writeTimes: number[] = [];
  let maxBusy = 0;
  let maxQueue = 0;
  const scheduler: HostScheduler = new HostScheduler({
    clock,
    limits,
    work: async (key) => {
      const n = done.get(key) ?? 0;
      for (let i = 0; i < perHost[n]!; i++) await scheduler.write(async () => writeTimes.push(clock.now()));
      done.set(key, n + 1);
      return () => {
        if (n + 1 < perHost.length) scheduler.schedule(key, `stage-${n + 1}`, 0);
      };
    },
  });
  for (let i = 0; i < hosts; i++) scheduler.schedule(`h${i}`, 'stage-0', 0);
  for (let t = 0; t < 600_000 && writeTimes.length < hosts * perHost.reduce((a, b) => a + b, 0); t += 50) {
    await clock.advance(50);
    maxBusy = Math.max(maxBusy, scheduler.stats().busyWorkers);
    maxQueue = Math.max(maxQueue, scheduler.stats().queueDepth);
  }
  return { writeTimes, perHost, stats: scheduler.stats(), maxBusy, maxQueue, total: hosts * perHost.reduce((a, b) => a + b, 0) };
}

describe("BMO's default limits", () => {
  it('are 8 workers (min(NumCPU, 8) at NumCPU 8), 20 QPS and a burst of 30 (main.go:219-222, :648-676)', () => {
    expect(DEFAULT_LIMITS).toEqual({ concurrency: 8, qps: 20, burst: 30 });
    expect(limitsFor('bmo', '3')).toEqual({ concurrency: 3, qps: 20, burst: 30 });
    expect(limitsFor('bmo', '0').concurrency).toBe(8);
    expect(() => limitsFor('bmo', 'x')).toThrow('BMO_CONCURRENCY value: x is invalid');
    expect(limitsFor('tuned')).toEqual({ concurrency: 100, qps: 200, burst: 300 });
  });

  it('let 60 hosts created at once move only as fast as 20 QPS with a burst of 30 allows', async () => {
    const { writeTimes, stats, maxBusy, maxQueue, total } = await storm(60, DEFAULT_LIMITS);
    expect(writeTimes).toHaveLength(total);
    // client-go's token bucket: never more than burst + qps × t writes by time t.
    for (const [i, t] of writeTimes.entries()) expect(i + 1).toBeLessThanOrEqual(30 + Math.floor((t / 1000) * 20) + 1);
    // ... and the last write comes when the budget allows it, not sooner.
    expect(writeTimes.at(-1)!).toBeGreaterThanOrEqual(((total - 30) / 20) * 1000 - 1);
    expect(writeTimes.at(-1)!).toBeLessThanOrEqual(((total - 30) / 20) * 1000 + 100);
    expect(stats.writes).toBe(total);
    expect(stats.limiterWaitMs).toBeGreaterThan(0);
    expect(maxBusy).toBeLessThanOrEqual(8);
    expect(maxQueue).toBeGreaterThan(0);
    expect(stats.workerWaitMs).toBeGreaterThan(0);
  });

  it('let the same 60 hosts finish at once with the unlimited preset', async () => {
    const { writeTimes, stats, total } = await storm(60, limitsFor('unlimited'));
    expect(writeTimes).toHaveLength(total);
    expect(writeTimes.at(-1)).toBe(0);
    expect(stats.limiterWaitMs).toBe(0);
    expect(stats.workerWaitMs).toBe(0);
  });

  it('apply a change of limits to writes already waiting', async () => {
    const clock = new VirtualClock();
    const scheduler = new HostScheduler({ clock, limits: { concurrency: 0, qps: 0.01, burst: 1 }, work: async () => {} });
    const times: number[] = [];
    for (let i = 0; i < 3; i++) void scheduler.write(async () => times.push(clock.now()));
    await clock.advance(1000);
    expect(times).toEqual([0]);
    expect(scheduler.stats().limiterQueued).toBe(2);
    scheduler.setLimits(limitsFor('unlimited'));
    await clock.advance(0);
    expect(times).toEqual([0, 1000, 1000]);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('the scheduler keeps one timer per host', () => {
  it('keeps a running delay for the same label, replaces it for another, and cuts it short on request', async () => {
    const clock = new VirtualClock();
    const ran: [string, number][] = [];
    const scheduler = new HostScheduler({ clock, limits: limitsFor('unlimited'), work: async (key) => void ran.push([key, clock.now()]) });
    expect(scheduler.schedule('a', 'provisioned', 10_000)).toBe(true);
    await clock.advance(2000);
    expect(scheduler.schedule('a', 'provisioned', 10_000)).toBe(false);
    expect(scheduler.scheduled('a')).toEqual({ label: 'provisioned', dueAt: 10_000 });
    expect(scheduler.cutShort('a')).toBe(true);
    await clock.advance(0);
    expect(ran).toEqual([['a', 2000]]);
    expect(scheduler.pending()).toEqual({});
  });
});
