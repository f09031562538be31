import { describe, expect, it } from 'vitest';
import { eventually } from '../testing/cluster';
import { newClusterStore } from './cluster';
import { startControllers } from './controllers';
import { EMPTY_SCHEMA_NAME, startFirmwareSettings, type FirmwareSettingsOptions } from './firmware-settings';
import { bareMetalHosts, firmwareSchemas, hostFirmwareSettings } from './resources';
import type { ClusterStore } from './store';

const NOW = new Date('2026-12-01T12:00:00Z');

function register(store: ClusterStore, name: string, state = 'inspecting'): void {
  store.create(
    bareMetalHosts,
    { metadata: { name }, spec: { online: true, bootMACAddress: '00:60:2f:00:00:01', bmc: { address: 'ipmi://10.0.0.1', credentialsName: 's' } } },
    'metal3',
  );
  const status = {
    errorMessage: '',
    operationalStatus: 'OK',
    poweredOn: false,
    provisioning: { ID: 'temporary-fake-id', state },
    goodCredentials: { credentials: { name: 's', namespace: 'metal3' }, credentialsVersion: '7' },
  };
  store.update(bareMetalHosts, { status }, 'metal3', name, 'status');
}

/** The HFS once its controller has written a status. */
function withStatus(store: ClusterStore, name: string) {
  const hfs = store.get(hostFirmwareSettings, 'metal3', name);
  return hfs?.status ? hfs : undefined;
}

function setup(options: FirmwareSettingsOptions = {}) {
  const store = newClusterStore({ now: () => NOW });
  const stops = [startControllers(store), startFirmwareSettings(store, { now: () => NOW, ...options })];
  return { store, stop: () => stops.forEach((s) => s()) };
}

describe('HostFirmwareSettings per host (BMO fixture mode)', () => {
  it('baremetalhost_controller.go:2198-2232 creates one per registered host, named after it and owned by it', async () => {
    const { store, stop } = setup();
    store.create(
      bareMetalHosts,
      { metadata: { name: 'unregistered' }, spec: { online: true, bmc: { address: 'ipmi://10.0.0.2', credentialsName: 's' } } },
      'metal3',
    );
    register(store, 'h1');
    const hfs = await eventually(() => withStatus(store, 'h1'), 5000, 'the HFS and its status');
    const host = store.get(bareMetalHosts, 'metal3', 'h1')!;
    expect(hfs.metadata.ownerReferences).toEqual([{ apiVersion: 'metal3.io/v1alpha1', kind: 'BareMetalHost', name: 'h1', uid: host.metadata.uid }]);
    expect(hfs.spec).toEqual({ settings: {} });
    // hostfirmwaresettings_controller.go:233-325: empty settings, the schema, Valid and no change.
    expect(hfs.status).toMatchObject({
      settings: {},
      schema: { name: EMPTY_SCHEMA_NAME, namespace: 'metal3' },
      conditions: [
        { type: 'Valid', status: 'True', reason: 'Success' },
        { type: 'ChangeDetected', status: 'False', reason: 'Success' },
      ],
      lastUpdated: '2026-12-01T12:00:00Z',
    });
    expect(store.get(hostFirmwareSettings, 'metal3', 'unregistered')).toBeUndefined();
    stop();
  });

  it("hostfirmwaresettings_controller.go:315-341 stops at etcd's request limit: later hosts' HFS get no status, as on a real cluster", async () => {
    const logs: string[] = [];
    // Room for the schema and a few owners (about 110 bytes each as stored here), not all six.
    const limit = 900;
    const { store, stop } = setup({ maxRequestBytes: limit, log: (m) => logs.push(m) });
    const names = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
    for (const name of names) register(store, name);
    await eventually(() => (logs.length > 0 ? true : undefined), 5000, 'the refusal logged');
    await eventually(() => withStatus(store, 'h1'), 5000, 'the first HFS with status');
    const schema = store.get(firmwareSchemas, 'metal3', EMPTY_SCHEMA_NAME)!;
    const owners = schema.metadata.ownerReferences!.map((o) => o.name);
    expect(owners.length).toBeGreaterThan(1);
    expect(owners.length).toBeLessThan(names.length);
    expect(JSON.stringify(schema).length).toBeLessThanOrEqual(limit);
    for (const name of names) {
      expect(store.get(hostFirmwareSettings, 'metal3', name)).toBeDefined();
      // Owners got their status; the others' reconciles failed before updateStatus.
      expect(withStatus(store, name) !== undefined).toBe(owners.includes(name));
    }
    expect(logs).toEqual([expect.stringContaining(`has ${owners.length} owners and etcd refuses it larger`)]);
    stop();
  });

  it('hostfirmwaresettings_controller.go:330-380 shares one FirmwareSchema per namespace, owned by every HFS', async () => {
    const { store, stop } = setup();
    register(store, 'h1');
    register(store, 'h2');
    const schema = await eventually(
      () => {
        const s = store.get(firmwareSchemas, 'metal3', EMPTY_SCHEMA_NAME);
        return (s?.metadata.ownerReferences ?? []).length === 2 ? s : undefined;
      },
      5000,
      'a schema owned by both',
    );
    expect(schema.spec).toEqual({ schema: {} });
    expect(schema.metadata.ownerReferences!.map((o) => [o.kind, o.name])).toEqual([
      ['HostFirmwareSettings', 'h1'],
      ['HostFirmwareSettings', 'h2'],
    ]);
    stop();
  });

  it('flags settings the empty fixture schema cannot have (ChangeDetected, Valid=False)', async () => {
    const { store, stop } = setup();
    register(store, 'h1');
    const hfs = await eventually(() => withStatus(store, 'h1'), 5000, 'the HFS');
    store.update(hostFirmwareSettings, { ...hfs, spec: { settings: { ProcVirtualization: 'Enabled' } } }, 'metal3', 'h1', undefined);
    const conditions = await eventually(
      () => {
        const c = (store.get(hostFirmwareSettings, 'metal3', 'h1')?.status as { conditions: { type: string; status: string; message: string }[] }).conditions;
        return c[0]?.type === 'ChangeDetected' ? c : undefined;
      },
      5000,
      'the change detected',
    );
    expect(conditions.map((c) => [c.type, c.status, c.message])).toEqual([
      ['ChangeDetected', 'True', ''],
      ['Valid', 'False', 'Invalid BIOS setting'],
    ]);
    stop();
  });

  it('goes with its host, and the schema with the last HFS (owner references)', async () => {
    const { store, stop } = setup();
    register(store, 'h1');
    await eventually(() => store.get(hostFirmwareSettings, 'metal3', 'h1'), 5000, 'the HFS');
    store.delete(bareMetalHosts, 'metal3', 'h1');
    await eventually(
      () => !store.get(hostFirmwareSettings, 'metal3', 'h1') && !store.get(firmwareSchemas, 'metal3', EMPTY_SCHEMA_NAME),
      5000,
      'HFS and schema collected',
    );
    stop();
  });
});
