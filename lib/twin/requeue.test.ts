/**
 * The fixture's delays behave like controller-runtime's RequeueAfter: an event that passes BMO's
 * predicate (updateEventHandler, ctrl:2651-2673) reconciles the host at once, and the fixture's
 * second Provision call completes the step (fixture.go:285-306). The twin runs against the
 * embedded cluster, on a virtual clock: delays are asserted in virtual milliseconds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BareMetalHost } from '../bmh/types';
import { bareMetalHosts } from '../fake-cluster/resources';
import { rawClientFor } from '../kube/raw-from-kubeconfig';
import { METAL3_RESOURCES } from '../bmh/types';
import { bmhManifest, eventually, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import { VirtualClock } from './clock';
import { limitsFor } from './limits';
import { Twin } from './reconciler';
import { settingsFor, type TwinSettings } from './settings';

let cluster: TestCluster;
let twin: Twin | undefined;
let clock: VirtualClock;
const image = { url: 'http://x/img.qcow2', checksum: 'c8fc807773e5354afe61636071771906' };
const host = (name: string) => cluster.store.get(bareMetalHosts, 'metal3', name) as BareMetalHost | undefined;
const stateOf = (name: string) => host(name)?.status?.provisioning?.state;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Far longer than a test runs, so only the twin's virtual clock can end these delays. */
const LONG = 600_000;

/** Lets the API and the watch catch up without moving virtual time. */
async function settle(check: () => unknown, what: string): Promise<void> {
  await eventually(
    async () => {
      await clock.advance(0);
      return check();
    },
    10_000,
    what,
  );
}

/** Moves virtual time in steps, letting IO finish between them. */
async function advance(ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) {
    await clock.advance(Math.min(step, ms - t));
    await sleep(30);
  }
}

async function startTwin(profile: 'instant' | 'realistic', provisionMs: number): Promise<void> {
  const base = settingsFor('instant');
  const settings: TwinSettings = {
    ...settingsFor(profile),
    timings: { ...base.timings, provision: { base: provisionMs, jitter: 0 } },
    limits: limitsFor('unlimited'),
  };
  clock = new VirtualClock();
  twin = new Twin({ api: await rawClientFor<BareMetalHost>(cluster.client.kubeconfig, METAL3_RESOURCES), settings, clock });
  twin.start();
}

async function provisioningHost(name: string): Promise<void> {
  await cluster.client.createSecret('metal3', secretManifest(`${name}-bmc-secret`, 'metal3') as never);
  await cluster.client.createBmh('metal3', bmhManifest(name, 'metal3'));
  await settle(() => stateOf(name) === 'available' && host(name)?.status?.poweredOn, `${name} available`);
  await cluster.client.patchBmh('metal3', name, { spec: { image } });
  await settle(() => stateOf(name) === 'provisioning', `${name} provisioning`);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.client.ensureNamespace('metal3');
});
afterEach(() => {
  twin?.stop();
  twin = undefined;
});
afterAll(async () => {
  await cluster?.stop();
});

describe('delays that behave like RequeueAfter', () => {
  it('ends provisioning early when a spec edit (consumerRef) passes the predicate 2 s in', async () => {
    await startTwin('instant', LONG);
    await provisioningHost('rq-consumer');
    await advance(2000);
    expect(stateOf('rq-consumer')).toBe('provisioning');
    await cluster.client.patchBmh('metal3', 'rq-consumer', { spec: { consumerRef: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'metal3' } } });
    await settle(() => stateOf('rq-consumer') === 'provisioned', 'provisioned without waiting the rest');
    expect(clock.now()).toBeLessThan(LONG);
  });

  it('ends the wait at an unpause instead of starting the full delay again', async () => {
    await startTwin('instant', LONG);
    await provisioningHost('rq-pause');
    await advance(2000);
    await cluster.client.patchBmh('metal3', 'rq-pause', { metadata: { annotations: { 'baremetalhost.metal3.io/paused': '' } } });
    await advance(12_000);
    expect(stateOf('rq-pause')).toBe('provisioning');
    const unpausedAt = clock.now();
    await cluster.client.patchBmh('metal3', 'rq-pause', { metadata: { annotations: { 'baremetalhost.metal3.io/paused': null } } });
    await settle(() => stateOf('rq-pause') === 'provisioned', 'provisioned at the unpause');
    expect(clock.now() - unpausedAt).toBeLessThan(LONG);
  });

  it('does not cut a wait short for a status-only change (lastUpdated does not pass the predicate)', async () => {
    await startTwin('instant', LONG);
    await provisioningHost('rq-status');
    await advance(2000);
    const h = host('rq-status')!;
    await cluster.client.patchBmhStatus?.('metal3', 'rq-status', [{ op: 'replace', path: '/status/lastUpdated', value: '2026-12-01T00:00:00Z' }]);
    await advance(1000);
    expect(stateOf('rq-status')).toBe('provisioning');
    expect(h.metadata.generation).toBe(host('rq-status')!.metadata.generation);
    await advance(LONG - 4000, 100_000);
    expect(stateOf('rq-status')).toBe('provisioning');
    await advance(2000);
    await settle(() => stateOf('rq-status') === 'provisioned', 'provisioned after the full delay');
  });

  it('keeps the original due time across a pause when the delay stands for work Ironic goes on doing (realistic profile)', async () => {
    await startTwin('realistic', 60_000);
    await provisioningHost('rq-real');
    await advance(20_000, 2000);
    await cluster.client.patchBmh('metal3', 'rq-real', { metadata: { annotations: { 'baremetalhost.metal3.io/paused': '' } } });
    await advance(30_000, 2000);
    await cluster.client.patchBmh('metal3', 'rq-real', { metadata: { annotations: { 'baremetalhost.metal3.io/paused': null } } });
    await settle(() => host('rq-real')?.metadata.annotations?.['baremetalhost.metal3.io/paused'] === undefined, 'unpaused');
    // Due at 60 s whatever the pause did: 10 s remain at the unpause, not a new 60.
    await advance(8000, 1000);
    expect(stateOf('rq-real')).toBe('provisioning');
    await advance(3000, 1000);
    await settle(() => stateOf('rq-real') === 'provisioned', 'provisioned after the rest of the delay');
  });
});
