/**
 * Convergence: a random storm of creates, provisions, deprovisions and deletes while three
 * stream clients consume (one reading normally, one reconnecting often with Last-Event-ID, one
 * reading slowly). At the end every client holds exactly what GET /api/hosts answers, and that
 * is the cluster's own list, host for host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FleetIndex } from '../bmh/fleet-index';
import { hostKey, toHostView, type HostView } from '../bmh/host-view';
import type { BareMetalHost } from '../bmh/types';
import { parseEnv } from '../config/env';
import { eventually } from '../testing/cluster';
import { createHosts, runHostAction } from './actions';
import { startRuntime, type Runtime } from './runtime';
import { EventHub } from './hub';
import { openEventStream } from './stream';
import { foldMessage, initialStreamState } from '../stream/fold';
import { decodeMessage } from '../stream/protocol';
import { readSse, type ReceivedSse } from '../stream/sse';
import { startEmbeddedCluster } from '../fake-cluster/cluster';

/** Seeded PRNG (mulberry32), so a failing run can be replayed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stream consumer that folds messages with the browser's fold (lib/stream/fold.ts). */
class Client {
  state = initialStreamState();
  lastSeq = 0;
  snapshots = 0;
  reconnects = 0;
  lags = 0;
  private abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly rt: Runtime,
    private readonly readDelayMs: number,
  ) {}

  get index(): FleetIndex {
    return this.state.index;
  }

  start(lastEventId?: number): void {
    this.abort = new AbortController();
    const stream = openEventStream(this.rt.hub, lastEventId, this.abort.signal, { highWaterMark: 16 * 1024, onLag: () => this.lags++ });
    void this.read(stream.getReader());
  }

  /** Every fourth reconnect claims an id older than the replay ring holds, forcing a snapshot. */
  reconnect(): void {
    this.abort.abort();
    this.reconnects++;
    this.start(this.reconnects % 4 === 0 ? 1 : this.lastSeq || undefined);
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private apply(received: ReceivedSse): void {
    const message = decodeMessage(received.event, received.data);
    if (!message) return;
    this.state = foldMessage(this.state, message);
    if (message.event === 'snapshot') this.snapshots++;
    if (received.id) this.lastSeq = Number(received.id);
  }

  private async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      if (this.readDelayMs) await new Promise((r) => setTimeout(r, this.readDelayMs));
      for await (const batch of readSse(reader)) {
        if (this.stopped) return;
        for (const received of batch) this.apply(received);
        if (this.readDelayMs) await new Promise((r) => setTimeout(r, this.readDelayMs));
      }
    } catch {
      // aborted: a reconnect or the end of the test
    }
  }
}

let rt: Runtime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-convergence-'));
  rt = await startRuntime(parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant', FLEET_LIMITS: 'unlimited' }), {
    inProcess: startEmbeddedCluster,
  });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
});
afterAll(async () => {
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const settled = (h: HostView) => ['available', 'provisioned'].includes(h.state) && !h.deleting && h.poweredOn === h.online;
const essence = (h: HostView) => `${hostKey(h)} ${h.uid} ${h.state} ${h.operationalStatus} ${h.poweredOn} ${h.online} ${h.image} ${h.errorType}`;

it('every client converges to GET /api/hosts and to the cluster, host for host', async () => {
  const random = prng(20261123);
  const normal = new Client(rt, 0);
  const flaky = new Client(rt, 0);
  const slow = new Client(rt, 150);
  for (const c of [normal, flaky, slow]) c.start();
  const reconnecting = setInterval(() => flaky.reconnect(), 150);

  let hostOps = 0;
  const pick = (state: string | undefined, n: number) => {
    const candidates = rt.model.index.list().filter((h) => !h.deleting && (!state || h.state === state));
    const out: { namespace: string; name: string }[] = [];
    while (out.length < n && candidates.length > 0) out.push(candidates.splice(Math.floor(random() * candidates.length), 1)[0]!);
    return out;
  };
  for (let round = 0; round < 80; round++) {
    const roll = random();
    const n = 1 + Math.floor(random() * 60);
    if (roll < 0.35 || rt.model.index.size < 50) {
      await createHosts(rt.actions, { count: n, namespace: random() < 0.5 ? 'metal3' : 'storm' });
    } else {
      const action = roll < 0.6 ? 'provision' : roll < 0.85 ? 'deprovision' : 'delete';
      const hosts = pick(action === 'provision' ? 'available' : action === 'deprovision' ? 'provisioned' : undefined, n);
      if (hosts.length === 0) continue;
      runHostAction(rt.actions, { action, hosts });
    }
    hostOps += n;
    await new Promise((r) => setTimeout(r, 20 + random() * 60));
  }
  clearInterval(reconnecting);
  expect(hostOps).toBeGreaterThan(1000);

  // Let the twin and every job finish, then let the last delta go out.
  // A job now runs until its hosts reached the action's goal (lib/fleet/jobs.ts), so this includes the twin's work.
  await eventually(() => rt.jobs.list().every((j) => j.state !== 'running'), 120_000, 'jobs to finish').catch((error: Error) => {
    const running = rt.jobs
      .list()
      .filter((j) => j.state === 'running')
      .slice(0, 3);
    throw new Error(`${error.message}: ${JSON.stringify(running.map(({ errors: _e, ...j }) => j))}`);
  });
  await eventually(() => rt.model.index.list().every(settled) && rt.localTwin!.stats.scheduled === 0, 60_000, 'the fleet to settle').catch((error: Error) => {
    const unsettled = rt.model.index
      .list()
      .filter((h) => !settled(h))
      .slice(0, 5);
    throw new Error(
      `${error.message}: ${JSON.stringify(unsettled)} twin ${JSON.stringify(rt.localTwin!.stats)} pending ${JSON.stringify(rt.localTwin!.pending())}`,
    );
  });
  await new Promise((r) => setTimeout(r, 300));
  rt.hub.flush();
  const api = rt.hub.snapshotBody();
  await eventually(() => [normal, flaky, slow].every((c) => c.lastSeq >= api.seq), 30_000, 'every client to catch up').catch((error: Error) => {
    throw new Error(
      `${error.message}: seq ${api.seq}, clients ${[normal, flaky, slow].map((c) => `${c.lastSeq} lags ${c.lags}`).join(' / ')}, now ${rt.hub.currentSeq}`,
    );
  });
  for (const c of [normal, flaky, slow]) c.stop();

  // 1. Each client holds exactly what GET /api/hosts answers (the same HostViews).
  const byKey = (hosts: HostView[]) => JSON.stringify([...hosts].sort((a, b) => hostKey(a).localeCompare(hostKey(b))));
  for (const client of [normal, flaky, slow]) {
    expect(client.index.size).toBe(api.hosts.length);
    expect(byKey(client.index.list())).toBe(byKey(api.hosts));
    expect(client.index.counts).toEqual(api.counts);
  }
  // 2. That is the cluster's own list.
  const cluster: BareMetalHost[] = [];
  for (const ns of ['metal3', 'storm']) cluster.push(...(await rt.client.listBmhPage(ns, 100_000)).items);
  expect(api.hosts.map(essence).sort()).toEqual(cluster.map((b) => essence(toHostView(b, 0))).sort());
  // The scenario really exercised what it claims to.
  expect(flaky.reconnects).toBeGreaterThan(5);
  expect(flaky.snapshots).toBeGreaterThan(2);
  expect(slow.lags).toBeGreaterThan(0);
  expect(api.hosts.length).toBeGreaterThan(50);
  console.log(
    `convergence: ${hostOps} host operations, ${api.hosts.length} hosts at the end; flaky client reconnected ${flaky.reconnects}× (${flaky.snapshots} snapshots), slow client fell behind ${slow.lags}× (${slow.snapshots} snapshots)`,
  );
}, 180_000);

it('a field that goes A→B→A within one flush: a client whose snapshot caught B still ends on A (stream + fold)', async () => {
  const index = new FleetIndex();
  const hub = new EventHub(index, { flushMs: 1e9, now: () => 1000 });
  const set = (state: string) => {
    const view = {
      ...toHostView(
        {
          apiVersion: 'metal3.io/v1alpha1',
          kind: 'BareMetalHost',
          metadata: { namespace: 'abba', name: 'h', uid: 'u' },
          spec: { online: true },
        } as BareMetalHost,
        0,
      ),
      state,
    };
    index.upsert(view);
    hub.noteChange('abba/h', view);
  };
  set('available');
  hub.flush();
  set('provisioning');
  const abort = new AbortController();
  const reader = openEventStream(hub, undefined, abort.signal).getReader();
  set('available');
  hub.flush();
  let state = initialStreamState();
  for await (const batch of readSse(reader)) {
    for (const received of batch) {
      const message = decodeMessage(received.event, received.data);
      if (message) state = foldMessage(state, message);
    }
    if (state.seq === hub.currentSeq) break;
  }
  abort.abort();
  hub.close();
  expect(state.index.list().map((h) => h.state)).toEqual(['available']);
});
