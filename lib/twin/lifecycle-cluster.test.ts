/** Lifecycle regressions that need the API: shared BMC Secrets, whitespace passwords, BMO's Events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BareMetalHost } from '../bmh/types';
import { bareMetalHosts, events, secrets } from '../fake-cluster/resources';
import { rawClientFor } from '../kube/raw-from-kubeconfig';
import { METAL3_RESOURCES } from '../bmh/types';
import { bmhManifest, eventually, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import { Twin } from './reconciler';
import { settingsFor } from './settings';

let cluster: TestCluster;
let twin: Twin;
const NS = 'shared';
const host = (name: string) => cluster.store.get(bareMetalHosts, NS, name) as BareMetalHost | undefined;
const bmc = (name: string, secret: string, ip: number) => bmhManifest(name, NS, { bmc: { address: `ipmi://10.9.0.${ip}`, credentialsName: secret } });

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.client.ensureNamespace(NS);
  // The unlimited preset: these tests need speed, not BMO's 20 QPS.
  twin = new Twin({
    api: await rawClientFor<BareMetalHost>(cluster.client.kubeconfig, METAL3_RESOURCES),
    settings: settingsFor('instant', { limits: { concurrency: 64, qps: 0, burst: 0 } }),
  });
  twin.start();
});
afterAll(async () => {
  twin?.stop();
  await cluster?.stop();
});

describe('the twin against the API', () => {
  it('keeps a BMC Secret shared by three hosts when one of them is deleted (secret_manager.go:66-115: one owner reference per host)', async () => {
    await cluster.client.createSecret(NS, secretManifest('bmc', NS) as never);
    for (const i of [0, 1, 2]) await cluster.client.createBmh(NS, bmc(`w-${i}`, 'bmc', i));
    await eventually(() => [0, 1, 2].every((i) => host(`w-${i}`)?.status?.provisioning?.state === 'available'), 30_000, 'three hosts available');
    await eventually(() => (cluster.store.get(secrets, NS, 'bmc')?.metadata.ownerReferences ?? []).length === 3, 30_000, 'three owner references');
    await cluster.client.deleteBmh(NS, 'w-0');
    await eventually(() => !host('w-0'), 30_000, 'w-0 gone');
    await new Promise((r) => setTimeout(r, 300));
    expect(cluster.store.get(secrets, NS, 'bmc')).toBeDefined();
    for (const i of [1, 2]) expect(host(`w-${i}`)?.status).toMatchObject({ operationalStatus: 'OK', provisioning: { state: 'available' } });
  });

  it('refuses a whitespace-only password, as BMO trims it (ctrl:2588-2599)', async () => {
    await cluster.client.createSecret(NS, secretManifest('blank', NS, { username: 'admin', password: '  \n' }) as never);
    await cluster.client.createBmh(NS, bmc('w-blank', 'blank', 9));
    await eventually(() => host('w-blank')?.status?.errorType === 'registration error', 30_000, 'registration error');
    expect(host('w-blank')?.status?.errorMessage).toBe("Validation error with BMC credentials: Missing BMC connection details 'password' in credentials");
  });

  it("creates Events as BMO's NewEvent does: type Normal, named from the reason (baremetalhost_types.go:1134-1160)", async () => {
    const items = cluster.store.list(events, NS) as never as { type: string; reason: string; metadata: { name: string } }[];
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) {
      expect(e.type).toBe('Normal');
      expect(e.metadata.name.startsWith(`${e.reason.toLowerCase()}-`)).toBe(true);
    }
  });
});
