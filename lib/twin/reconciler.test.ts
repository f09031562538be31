/** The twin against the embedded cluster through the real API: lifecycle end to end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareMetalHosts, hardwareData, secrets } from '../fake-cluster/resources';
import { bmhManifest, eventually, secretManifest, startTestCluster, type TestCluster } from '../testing/cluster';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { Twin } from './reconciler';
import { rawClientFor } from '../kube/raw-from-kubeconfig';
import { settingsFor } from './settings';
import { limitsFor } from './limits';

let cluster: TestCluster;
let twin: Twin;
const host = (name: string) => cluster.store.get(bareMetalHosts, 'metal3', name) as BareMetalHost | undefined;
const stateOf = (name: string) => host(name)?.status?.provisioning?.state;

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.client.ensureNamespace('metal3');
  twin = new Twin({
    api: await rawClientFor<BareMetalHost>(cluster.client.kubeconfig, METAL3_RESOURCES),
    settings: settingsFor('instant', { limits: limitsFor('unlimited') }),
  });
  twin.start();
});
afterAll(async () => {
  twin?.stop();
  await cluster?.stop();
});

describe('the twin reconciles through the API', () => {
  it('walks a new host to available with BMO status, HardwareData and a claimed Secret', async () => {
    await cluster.client.createSecret('metal3', secretManifest('w0-bmc-secret', 'metal3') as never);
    await cluster.client.createBmh('metal3', bmhManifest('w0', 'metal3'));
    await eventually(() => stateOf('w0') === 'available' && host('w0')?.status?.poweredOn, 10_000, 'w0 available and on');
    const h = host('w0')!;
    expect(h.metadata.finalizers).toContain('baremetalhost.metal3.io');
    expect(h.spec.architecture).toBe('x86_64');
    expect(h.status).toMatchObject({
      operationalStatus: 'OK',
      errorCount: 0,
      hardwareProfile: 'unknown',
      provisioning: { ID: 'temporary-fake-id', bootMode: 'UEFI' },
    });
    expect(h.status?.operationHistory?.register?.end).toBeTruthy();
    expect(h.status?.operationHistory?.provision).toEqual({ start: null, end: null });
    expect(h.status?.conditions?.find((c) => c.type === 'AvailableForProvisioning')).toMatchObject({ status: 'True', reason: 'Available' });
    expect(cluster.store.get(hardwareData, 'metal3', 'w0')?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'BareMetalHost',
      name: 'w0',
      controller: true,
    });
    const secret = cluster.store.get(secrets, 'metal3', 'w0-bmc-secret')!;
    expect(secret.metadata.labels).toEqual({ 'environment.metal3.io': 'baremetal' });
    expect(secret.metadata.finalizers).toEqual(['baremetalhost.metal3.io/secret']);
  });

  it('provisions, deprovisions and deletes', async () => {
    await cluster.client.patchBmh('metal3', 'w0', { spec: { image: { url: 'http://x/img.qcow2', checksum: 'c8fc807773e5354afe61636071771906' } } });
    await eventually(() => stateOf('w0') === 'provisioned', 10_000, 'provisioned');
    expect(host('w0')?.status?.provisioning?.image?.url).toBe('http://x/img.qcow2');
    await cluster.client.patchBmh('metal3', 'w0', { spec: { image: null } });
    await eventually(() => stateOf('w0') === 'available', 10_000, 'available again');
    expect(host('w0')?.status?.operationHistory?.deprovision?.end).toBeTruthy();
    await cluster.client.deleteBmh('metal3', 'w0');
    await eventually(() => !host('w0'), 10_000, 'w0 gone');
    await eventually(
      () => !cluster.store.get(secrets, 'metal3', 'w0-bmc-secret') && !cluster.store.get(hardwareData, 'metal3', 'w0'),
      10_000,
      'dependents gone',
    );
  });

  it('waits with a registration error for a missing Secret and recovers when it appears', async () => {
    await cluster.client.createBmh('metal3', bmhManifest('w1', 'metal3'));
    await eventually(() => host('w1')?.status?.errorType === 'registration error', 10_000, 'registration error');
    expect(stateOf('w1')).toBe('registering');
    await cluster.client.createSecret('metal3', secretManifest('w1-bmc-secret', 'metal3') as never);
    await eventually(() => stateOf('w1') === 'available', 10_000, 'available after the secret appears');
    expect(host('w1')?.status?.errorType).toBeUndefined();
    expect(host('w1')?.status?.operationalStatus).toBe('OK');
  });

  it('only flips poweredOn when online goes false', async () => {
    await cluster.client.patchBmh('metal3', 'w1', { spec: { online: false } });
    await eventually(() => host('w1')?.status?.poweredOn === false, 10_000, 'powered off');
    expect(stateOf('w1')).toBe('available');
  });

  it('resumes hosts where they were after a restart', async () => {
    twin.stop();
    await cluster.client.createSecret('metal3', secretManifest('w2-bmc-secret', 'metal3') as never);
    await cluster.client.createBmh('metal3', bmhManifest('w2', 'metal3'));
    await cluster.client.patchBmh('metal3', 'w1', { spec: { online: true } });
    await new Promise((r) => setTimeout(r, 200));
    expect(stateOf('w2')).toBeUndefined();
    twin = new Twin({
      api: await rawClientFor<BareMetalHost>(cluster.client.kubeconfig, METAL3_RESOURCES),
      settings: settingsFor('instant', { limits: limitsFor('unlimited') }),
    });
    twin.start();
    await eventually(() => stateOf('w2') === 'available' && host('w1')?.status?.poweredOn === true, 10_000, 'both hosts moving again');
  });
});
