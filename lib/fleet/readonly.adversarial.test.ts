/**
 * Read-only means read-only: with FLEET_READONLY=1 nothing of Fleetscope writes to the cluster,
 * the twin included (it kept reconciling hosts before), and the page is told the twin is off.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { bareMetalHosts, namespaces } from '../fake-cluster/resources';
import { startEmbeddedCluster } from '../fake-cluster/cluster';
import { bmhManifest, eventually } from '../testing/cluster';
import { startRuntime, type Runtime } from './runtime';

let rt: Runtime;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-readonly-'));
  rt = await startRuntime(parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant', FLEET_READONLY: '1' }), {
    inProcess: startEmbeddedCluster,
  });
  await eventually(() => rt.model.synced, 10_000, 'the first list');
});
afterAll(async () => {
  await rt?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('the twin does not run, and the page hears why', () => {
  expect(rt.twin).toBeUndefined();
  expect(rt.localTwin).toBeUndefined();
  expect(rt.clusterInfo()).toMatchObject({ readonly: true, operator: 'none', twinOff: expect.stringMatching(/read-only/) });
  expect(() => parseEnv({ FLEET_READONLY: 'true', FLEET_OPERATOR: 'twin' }).operator).not.toThrow();
  expect(parseEnv({ FLEET_READONLY: 'true', FLEET_OPERATOR: 'twin' }).operator).toBe('none');
});

it('a host someone else creates is seen, and nothing of Fleetscope writes to it', async () => {
  const store = rt.cluster!.store;
  if (!store.get(namespaces, undefined, 'metal3')) store.create(namespaces, { metadata: { name: 'metal3' } }, undefined);
  store.create(bareMetalHosts, bmhManifest('outside', 'metal3'), 'metal3');
  const rv = store.resourceVersion();
  await eventually(() => rt.model.index.get('metal3/outside'), 10_000, 'the host in the fleet');
  // The instant-profile twin registered a host within milliseconds; give it far longer.
  await new Promise((r) => setTimeout(r, 1500));
  expect(store.resourceVersion()).toBe(rv);
  expect(store.get(bareMetalHosts, 'metal3', 'outside')!.status).toBeUndefined();
});
