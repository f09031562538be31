/**
 * Bounded under load: concurrent SSE streams are capped (503 + Retry-After past the cap), every
 * way a stream ends gives its slot and subscription back, and HEAD opens nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { getRuntime, type Runtime } from '@/lib/fleet/runtime';
import { eventually } from '@/lib/testing/cluster';
import { startEmbeddedCluster } from '../../lib/fake-cluster/cluster';
import * as stream from './stream/route';

let rt: Runtime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-streams-'));
  rt = await getRuntime(() => parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant', FLEET_MAX_STREAMS: '3' }), {
    inProcess: startEmbeddedCluster,
  });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
});
afterAll(async () => {
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const open = (signal: AbortSignal) => stream.GET(new Request('http://127.0.0.1:3000/api/stream', { signal, headers: { host: '127.0.0.1:3000' } }));

it('serves at most FLEET_MAX_STREAMS streams; past that 503 with Retry-After, and a slot frees when a client goes', async () => {
  const base = rt.hub.subscriberCount;
  const clients = [new AbortController(), new AbortController(), new AbortController()];
  const responses = await Promise.all(clients.map((c) => open(c.signal)));
  expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(rt.streams.count).toBe(3);
  const refused = await open(new AbortController().signal);
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('5');
  expect(((await refused.json()) as { error: { code: string; message: string } }).error.message).toMatch(/at most 3 live streams \(FLEET_MAX_STREAMS\)/);
  clients[0]!.abort();
  expect(rt.streams.count).toBe(2);
  const again = new AbortController();
  expect((await open(again.signal)).status).toBe(200);
  for (const c of [...clients, again]) c.abort();
  expect(rt.streams.count).toBe(0);
  expect(rt.hub.subscriberCount).toBe(base);
});

it('HEAD, an abort before the first byte, a cancelled reader and shutdown each leave no slot or subscription behind', async () => {
  const base = rt.hub.subscriberCount;
  for (let i = 0; i < 50; i++) expect((await stream.HEAD()).status).toBe(200);
  const gone = new AbortController();
  gone.abort();
  await open(gone.signal);
  const cancelled = await open(new AbortController().signal);
  await cancelled.body!.cancel();
  expect(rt.streams.count).toBe(0);
  expect(rt.hub.subscriberCount).toBe(base);
});
