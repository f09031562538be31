/**
 * Scale-test runs end to end through the API's route handlers, against a real embedded cluster
 * and twin (in this process, `instant` profile, unlimited limits): a 50-host scenario, then the
 * report checked against a second, raw watch's own record of the same hosts' transitions.
 * Also: bad scenarios are refused before anything is written, downloads, cancel with cleanup,
 * comparison, and a run an earlier process left running is listed as errored.
 */
import { Watch } from '@kubernetes/client-node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BareMetalHost } from '@/lib/bmh/types';
import { parseEnv } from '@/lib/config/env';
import { getRuntime, type Runtime } from '@/lib/fleet/runtime';
import { loadKubeconfig } from '@/lib/kube/kubeconfig';
import { ListWatch } from '@/lib/kube/list-watch';
import { phaseReports } from '@/lib/runs/metrics';
import { derivePhases } from '@/lib/runs/phases';
import { emptyRecord, GONE, observe } from '@/lib/runs/record';
import type { RunReport } from '@/lib/runs/report';
import { INTERRUPTED } from '@/lib/runs/manager';
import { managerFor, runs } from '@/lib/runs/service';
import { eventually } from '@/lib/testing/cluster';
import { startEmbeddedCluster } from '../../../lib/fake-cluster/cluster';
import * as collection from './route';
import * as one from './[id]/route';
import * as cancel from './[id]/cancel/route';
import * as file from './[id]/[file]/route';
import * as compare from './compare/route';

const BASE = 'http://127.0.0.1:3000';
const post = (body: unknown) =>
  new Request(`${BASE}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json', host: '127.0.0.1:3000' }, body: JSON.stringify(body) });
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

let rt: Runtime;
let dataDir: string;
const raw = emptyRecord();
let rawWatch: ListWatch<BareMetalHost>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-runs-'));
  rt = await getRuntime(() => parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant' }), { inProcess: startEmbeddedCluster });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
  // The raw watch: client-node's Watch on its own connection, reading status fields itself.
  const kubeconfig = loadKubeconfig(rt.cluster!.kubeconfigPath);
  const seen = (bmh: BareMetalHost, gone: boolean) => {
    const key = `${bmh.metadata.namespace}/${bmh.metadata.name}`;
    const s = bmh.status;
    observe(
      raw,
      key,
      Date.now(),
      gone ? undefined : { state: s?.provisioning?.state || 'none', poweredOn: Boolean(s?.poweredOn), errorType: s?.errorType ?? '' },
    );
  };
  rawWatch = new ListWatch<BareMetalHost>({
    watcher: new Watch(kubeconfig),
    path: rt.client.bmhPath('runs-it'),
    listPage: ({ limit, continueToken }) => rt.client.listBmhPage('runs-it', limit, continueToken),
    sink: { replace: (items) => items.forEach((b) => seen(b, false)), event: (type, b) => seen(b, type === 'DELETED') },
  });
  void rawWatch.run();
});

afterAll(async () => {
  rawWatch?.stop();
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const FIFTY = {
  name: 'fifty',
  namespace: 'runs-it',
  twin: { limits: 'unlimited' },
  steps: [
    { create: { count: 50, batch: 25 } },
    { waitFor: { state: 'available', timeoutSeconds: 60 } },
    // The raw watch may see the last arrival a few ms after the dashboard's; the pause keeps
    // the next phase's writes from ending this phase's window before it does.
    { pause: { seconds: 0.5 } },
    { provision: { batch: 10 } },
    { waitFor: { state: 'provisioned', timeoutSeconds: 60 } },
    { pause: { seconds: 0.5 } },
    { delete: {} },
    { waitFor: { gone: true, timeoutSeconds: 60 } },
  ],
  thresholds: [
    { metric: 'errors', max: 0 },
    { metric: 'Enrollment.numHosts', min: 50 },
  ],
};

async function finished(id: string): Promise<RunReport> {
  const manager = await runs();
  await manager.idle();
  const res = await one.GET(new Request(`${BASE}/api/runs/${id}`), params({ id }));
  return ((await res.json()) as { report: RunReport }).report;
}

describe('scale-test runs through the API', () => {
  it('refuses a bad scenario with a 400 naming the field, and writes nothing', async () => {
    const before = rt.model.index.size;
    const res = await collection.POST(post({ ...FIFTY, steps: [{ create: { count: 2.5 } }] }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_scenario', message: expect.stringContaining('steps[0].create.count'), field: 'steps[0].create.count' },
    });
    const metric = await collection.POST(post({ ...FIFTY, thresholds: [{ metric: 'Enrollment.p42', max: 1 }] }));
    expect((await metric.json()).error.field).toBe('thresholds[0].metric');
    expect(rt.model.index.size).toBe(before);
    expect((await (await collection.GET()).json()).runs).toEqual([]);
  });

  it('refuses a cross-origin start', async () => {
    const req = new Request(`${BASE}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', origin: 'http://evil.example' },
      body: JSON.stringify(FIFTY),
    });
    expect((await collection.POST(req)).status).toBe(403);
  });

  let firstId = '';
  let limitsBefore: unknown;
  it('runs 50 hosts: enrollment, provisioning, deletion, with numbers a raw watch agrees with', async () => {
    limitsBefore = (await rt.twin!.state()).settings.limits;
    const res = await collection.POST(post(FIFTY));
    expect(res.status).toBe(202);
    const { run } = (await res.json()) as { run: { id: string; status: string } };
    expect(run.status).toBe('running');
    firstId = run.id;
    const report = await finished(run.id);
    expect(report.status).toBe('passed');
    expect(report.phases.map((p) => [p.name, p.numHosts, p.reached])).toEqual([
      ['Enrollment', 50, 50],
      ['Provisioning', 50, 50],
      ['Deletion', 50, 50],
    ]);
    expect(report.settings.twin).toMatchObject({ profile: 'instant', limits: { concurrency: 0, qps: 0, burst: 0 } });
    expect(report.phases[0]!.intermediate).toMatchObject({ registering: 50, inspecting: 50 });
    expect(report.phases[0]!.intermediate.available).toBeUndefined();
    // The twin counts waiting (workerWaitMs, limiterWaitMs): the report reads them.
    expect(report.bottleneck.available).toBe(true);
    expect(report.bottleneck.phases[0]!.limiterShare).not.toBeNull();

    // The same phases computed from the raw watch's record, with the run's own write times.
    const manager = await runs();
    const stored = (await manager.stored(run.id))!;
    const keys = Object.keys(stored.record.hosts);
    await eventually(() => keys.every((k) => raw.hosts[k]?.at(-1)?.[1] === GONE), 10_000, 'the raw watch to see every deletion');
    const fromRaw = phaseReports(derivePhases(report.scenario.steps), { hosts: raw.hosts, phases: stored.record.phases }, Date.now(), 300);
    let worst = 0;
    for (const [i, phase] of report.phases.entries()) {
      const other = fromRaw[i]!;
      expect(other.reached).toBe(phase.reached);
      expect(other.intermediate).toEqual(phase.intermediate);
      for (const [host, seconds] of Object.entries(stored.report!.phases[i]!.perHost)) worst = Math.max(worst, Math.abs(seconds - other.perHost[host]!));
    }
    // Two watch connections deliver the same event milliseconds apart (28 ms idle, up to 154 ms during a build).
    expect(worst).toBeLessThan(0.5);
    console.log(`largest per-host difference between the two watches: ${worst} s`);
    // Every host walked the same states in the same order in both records.
    for (const key of Object.keys(stored.record.hosts)) expect(raw.hosts[key]!.map((o) => o[1])).toEqual(stored.record.hosts[key]!.map((o) => o[1]));
  });

  it('serves the report as JSON, BMO-style JSON lines and CSV', async () => {
    const get = (name: string) => file.GET(new Request(`${BASE}/api/runs/${firstId}/${name}`), params({ id: firstId, file: name }));
    const jsonl = (await (await get('report.jsonl')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(jsonl.map((l) => Object.keys(l))).toEqual(
      Array(3).fill(['phase', 'numHosts', 'maxConcurrentReconciles', 'durationSeconds', 'throughputHostsPerMin']),
    );
    expect(jsonl[0]).toMatchObject({ phase: 'Enrollment', numHosts: 50, maxConcurrentReconciles: 0 });
    const csv = (await (await get('report.csv')).text()).trim().split('\n');
    expect(csv[0]).toBe('namespace,name,EnrollmentSeconds,ProvisioningSeconds,DeletionSeconds');
    expect(csv).toHaveLength(51);
    expect((await get('report.json')).headers.get('content-type')).toBe('application/json');
    expect((await get('report.xml')).status).toBe(404);
  });

  it('puts the twin limits back after the run', async () => {
    expect((await rt.twin!.state()).settings.limits).toEqual(limitsBefore);
    expect(limitsBefore).not.toEqual({ concurrency: 0, qps: 0, burst: 0 });
  });

  let secondId = '';
  it('cancels a run, keeps what it created, and cleans up when asked', async () => {
    const res = await collection.POST(post({ name: 'cancel me', namespace: 'runs-it', steps: [{ create: { count: 5 } }, { pause: { seconds: 600 } }] }));
    secondId = ((await res.json()) as { run: { id: string } }).run.id;
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'runs-it').length === 5, 10_000, 'five hosts');
    expect((await collection.POST(post(FIFTY))).status).toBe(409);
    const req = (body?: unknown) =>
      new Request(`${BASE}/api/runs/${secondId}/cancel`, {
        method: 'POST',
        headers: { host: '127.0.0.1:3000', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    const cancelled = (await (await cancel.POST(req(), params({ id: secondId }))).json()).run;
    expect(cancelled).toMatchObject({ status: 'cancelled', created: 5, alive: 5, cleanedUp: false });
    expect(rt.model.index.list().filter((h) => h.namespace === 'runs-it')).toHaveLength(5);
    const detail = await (await one.GET(new Request(`${BASE}/api/runs/${secondId}`), params({ id: secondId }))).json();
    expect(detail.leftBehind).toHaveLength(5);
    expect(detail.leftBehind[0]).toMatch(/^runs-it\/worker-\d+$/);
    const cleaned = (await (await cancel.POST(req({ cleanup: true }), params({ id: secondId }))).json()).run;
    expect(cleaned).toMatchObject({ cleanedUp: true, alive: 0 });
    await eventually(() => rt.model.index.list().filter((h) => h.namespace === 'runs-it').length === 0, 10_000, 'the hosts to go');
  });

  it('compares runs, and refuses fewer than two or unknown ids', async () => {
    const get = (ids: string) => compare.GET(new Request(`${BASE}/api/runs/compare?ids=${ids}`));
    const body = await (await get(`${firstId},${secondId}`)).json();
    expect(body.metrics.find((m: { phase: string; metric: string }) => m.phase === 'Enrollment' && m.metric === 'numHosts').values).toEqual([50, 5]);
    expect(body.settings.map((s: { key: string }) => s.key)).toContain('twin.limits.concurrency');
    expect((await get(firstId)).status).toBe(400);
    expect((await get(`${firstId},20200101-000000-abcd`)).status).toBe(404);
    expect((await get(`${firstId},nope`)).status).toBe(400);
  });

  it('marks a run an earlier process left running as errored, and still lists it', async () => {
    const before = await runs();
    const res = await collection.POST(post({ name: 'interrupted', namespace: 'runs-it', steps: [{ create: { count: 2 } }, { pause: { seconds: 600 } }] }));
    const id = ((await res.json()) as { run: { id: string } }).run.id;
    await eventually(async () => (await before.stored(id)) === undefined && (await before.view(id))?.created === 2, 10_000, 'the run to start');
    // A new process reads the same directory while the old one never finished.
    const after = managerFor(rt);
    const listed = (await after.list()).find((r) => r.id === id);
    expect(listed).toMatchObject({ status: 'errored', reason: INTERRUPTED });
    expect((await after.report(id))!.status).toBe('errored');
    await before.cancel(id, true);
  });
});
