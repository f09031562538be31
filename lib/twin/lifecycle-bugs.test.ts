/**
 * Regression tests for the lifecycle differences an audit against BMO's source found; each is
 * named after the upstream lines it follows (ctrl = internal/controller/metal3.io/
 * baremetalhost_controller.go, hsm = .../host_state_machine.go, fixture.go =
 * pkg/provisioner/fixture/fixture.go). They use only the pure engine: matchStage and stepsFor.
 */
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS, type BareMetalHost, type BareMetalHostStatus } from '../bmh/types';
import { computeConditions } from './conditions';
import { planFor, stepsFor } from './engine';
import { settingsFor } from './settings';
import { matchStage } from './stages';
import { drive, goodSecret, host, image, NOW, statusStep, world, type HostSpec } from './test-hosts';

const settings = settingsFor('bmo-test-mode');
const stageOf = (spec: HostSpec, w = world()) => matchStage(host(spec), w)?.name;
const act = (spec: HostSpec, w = world()) => {
  const h = host(spec);
  return stepsFor(matchStage(h, w)!, h, w, settings, NOW, () => 0.99);
};
const provisioned = { provisioning: { state: 'provisioned', ID: 'temporary-fake-id', image } };
const newImage = { url: 'http://192.168.222.1/other.img', checksum: 'ab'.repeat(16) };

describe('the BMC Secret', () => {
  it('is claimed with an owner reference for every host that uses it (secret_manager.go:66-115)', () => {
    // Another host already claimed the Secret: this host still adds its own owner reference.
    const w = world({ ...goodSecret, claimed: true, owners: ['someone-else'] });
    expect(stageOf({ state: 'available' }, w)).toBe('claim-secret');
  });

  it('re-registers when its resourceVersion moves, as a credential change does (hsm:364-372, ctrl:1061-1066)', () => {
    const w = world({ ...goodSecret, resourceVersion: '8' });
    expect(stageOf({ state: 'provisioned', spec: { image }, status: provisioned }, w)).toBe('re-register');
    const steps = act({ state: 'provisioned', spec: { image }, status: provisioned }, w);
    expect(statusStep(steps)?.goodCredentials?.credentialsVersion).toBe('8');
    expect(statusStep(steps)?.operationHistory?.register).toEqual({ start: NOW, end: NOW });
  });
});

describe('detach and delete (hsm:224-275, annotations.go:38-53)', () => {
  it('keeps a detached host with deleteAction: delay where it is on delete (hsm:238-241)', () => {
    const spec = {
      state: 'provisioned',
      deleting: true,
      spec: { image },
      annotations: { [ANNOTATIONS.detached]: '{"deleteAction":"delay"}' },
      status: { ...provisioned, operationalStatus: 'detached' },
    };
    expect(matchStage(host(spec), world())).toBeUndefined();
  });

  it('re-attaches and then deprovisions a host deleted right after its detached annotation went (annotations.go:43-45)', () => {
    const spec = { state: 'provisioned', deleting: true, spec: { image }, status: { ...provisioned, operationalStatus: 'detached' } };
    expect(stageOf(spec)).toBe('reattach');
    const { stages } = drive(host(spec).bmh, world(), settings, (b) => b.status?.provisioning?.state === 'deprovisioning');
    expect(stages).toEqual(['reattach', 'delete-deprovision']);
  });

  it('deletes at once a host whose detach is still pending (hsm:236-246, #3213)', () => {
    const spec = { state: 'inspecting', deleting: true, annotations: { [ANNOTATIONS.detached]: '' } };
    expect(stageOf(spec)).toBe('delete-detached');
  });

  it('skips the power-off with spec.disablePowerOff (ctrl:540-545)', () => {
    const steps = act({ state: 'powering off before delete', deleting: true, spec: { disablePowerOff: true } });
    expect(statusStep(steps)?.poweredOn).toBeUndefined();
    expect(steps.filter((s) => s.kind === 'event')).toEqual([]);
  });
});

describe('annotations', () => {
  const details = '{"ramMebibytes":4096,"cpu":{"arch":"x86_64","count":4},"hostname":"x"}';

  it('copies inspect.metal3.io/hardwaredetails into status.hardware, removes it and says so (ctrl:297-345)', () => {
    const spec = { state: 'available', annotations: { [ANNOTATIONS.inspect]: 'disabled', [ANNOTATIONS.hardwareDetails]: details } };
    const steps = act(spec);
    expect(statusStep(steps)?.hardware).toEqual(JSON.parse(details));
    expect(steps).toContainEqual({ kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.hardwareDetails]: null } } } });
    expect(steps).toContainEqual(expect.objectContaining({ kind: 'event', reason: 'UpdateHardwareDetails' }));
  });

  it('does not write an invalid status annotation, which only fails again and again (ctrl:2726-2731)', () => {
    const spec: HostSpec = { state: '', annotations: { [ANNOTATIONS.status]: '{"operationalStatus":"bogus"}' } };
    const h = host(spec);
    const bmh: BareMetalHost = { ...h.bmh, status: undefined };
    const stage = matchStage({ bmh, hasHardware: false }, world());
    const steps = stage ? stepsFor(stage, { bmh, hasHardware: false }, world(), settings, NOW, () => 0.99) : [];
    expect(steps.filter((s) => s.kind === 'status')).toEqual([]);
  });

  it('ignores a reboot annotation without force on an available host (ctrl:1748)', () => {
    expect(matchStage(host({ state: 'available', annotations: { [ANNOTATIONS.reboot]: '' } }), world())).toBeUndefined();
    expect(stageOf({ state: 'available', annotations: { [ANNOTATIONS.reboot]: '{"force":true}' } })).toBe('power');
  });
});

describe('provisioning', () => {
  it('continues with a new image URL given during provisioning (hsm:550-551)', () => {
    const spec = { state: 'provisioning', spec: { image: newImage }, status: { lastAttemptedImage: image } as BareMetalHostStatus };
    expect(stageOf(spec)).toBe('provisioned');
    expect(statusStep(act(spec))?.provisioning?.image).toEqual(newImage);
  });

  it('deprovisions a host leaving externally provisioned with no image (hsm:441-459, :543-546)', () => {
    const start = host({ state: 'externally provisioned', spec: { externallyProvisioned: false } }).bmh;
    const { bmh } = drive(start, world(), settings, (b) => b.status?.provisioning?.state === 'deprovisioning');
    expect(bmh?.status?.provisioning?.state).toBe('deprovisioning');
  });

  it('ends operationHistory.provision when provisioning is cancelled (hsm:121 recordStateEnd)', () => {
    const history = { provision: { start: '2026-11-23T09:59:00Z', end: null } };
    const steps = act({ state: 'provisioning', status: { lastAttemptedImage: image, operationHistory: history } as BareMetalHostStatus });
    expect(statusStep(steps)?.operationHistory?.provision).toEqual({ start: '2026-11-23T09:59:00Z', end: NOW });
  });

  it('ends operationHistory.provision when provisioning fails', () => {
    const failing = { ...settings, failureRates: { ...settings.failureRates, provision: 1 } };
    const start = host({
      state: 'provisioning',
      spec: { image },
      status: { lastAttemptedImage: image, operationHistory: { provision: { start: '2026-11-23T09:59:00Z', end: null } } } as BareMetalHostStatus,
    }).bmh;
    const { bmh } = drive(
      start,
      world(),
      failing,
      (b) => b.status?.provisioning?.state !== 'provisioning',
      () => 0,
    );
    expect(bmh?.status?.operationHistory?.provision?.end).toBe(NOW);
  });

  it('resets provisioningFailCount when the image changes (ctrl:2050-2055)', () => {
    const spec = { state: 'available', spec: { image: newImage }, status: { provisioningFailCount: 5, lastAttemptedImage: image } as BareMetalHostStatus };
    expect(stageOf(spec)).toBe('start-provisioning');
    expect(statusStep(act(spec))?.provisioningFailCount).toBe(0);
  });

  it('resets the fail count when no image is requested any more (hsm:505-511)', () => {
    const spec = { state: 'available', status: { provisioningFailCount: 3, lastAttemptedImage: image } as BareMetalHostStatus };
    expect(statusStep(act(spec))).toEqual({ provisioningFailCount: 0, lastAttemptedImage: null });
  });

  it('saves spec.bootMode again when provisioning starts (hsm:132-145)', () => {
    const spec = {
      state: 'available',
      spec: { image, bootMode: 'legacy' as const },
      status: { provisioning: { state: 'available', ID: 'x', bootMode: 'UEFI', image: { url: '' }, rootDeviceHints: { deviceName: '/dev/sda' } } },
    };
    expect(statusStep(act(spec))?.provisioning?.bootMode).toBe('legacy');
  });

  it('says so when the retry limit is reached (ctrl:2057-2064)', () => {
    const spec = { state: 'available', spec: { image }, status: { provisioningFailCount: 5, lastAttemptedImage: image } as BareMetalHostStatus };
    expect(statusStep(act(spec))).toMatchObject({
      operationalStatus: 'error',
      errorType: 'provisioning error',
      errorMessage: 'provisioning failed 5 times, retry limit (5) reached; change image or reset provisioningFailCount to retry',
    });
  });

  it('gets out of preparing after a provisioning failure when root device hints change (hsm:461-468)', () => {
    const failed = {
      operationalStatus: 'error',
      errorType: 'provisioning error',
      errorMessage: 'Image provisioning failed (injected fault)',
      errorCount: 1,
      provisioningFailCount: 5,
    };
    const spec = { state: 'preparing', spec: { image, rootDeviceHints: { deviceName: '/dev/sdb' } }, status: failed };
    expect(stageOf(spec)).toBe('prepared');
    expect(statusStep(act(spec))?.provisioning?.state).toBe('available');
  });

  it('fails provisioning with a missing OCI pull Secret (ctrl:1430-1434, image_auth_validator.go:44)', () => {
    const oci = { url: 'oci://quay.io/org/img:1', ociAuthSecretName: 'no-such-pull-secret' };
    const spec = { state: 'provisioning', spec: { image: oci }, status: { lastAttemptedImage: oci } as BareMetalHostStatus };
    expect(statusStep(act(spec))).toMatchObject({
      errorType: 'provisioning error',
      errorMessage: 'auth secret "no-such-pull-secret" not found in namespace "metal3"',
    });
  });
});

describe('registration', () => {
  it('backs off before retrying an injected registration fault (action_result.go:128-151)', () => {
    const h = host({
      state: 'registering',
      status: {
        operationalStatus: 'error',
        errorType: 'registration error',
        errorMessage: 'Failed to register the host with the provisioner (injected fault)',
        errorCount: 3,
      },
    });
    expect(planFor(h, world(), settings, () => 0)?.delayMs).toBe(8 * 60_000);
  });

  it('uses spec.hardwareProfile (ctrl:1236-1252) and refuses an unknown one (ctrl:1254-1262, :1021-1024)', () => {
    const set = statusStep(act({ state: 'registering', spec: { hardwareProfile: 'openstack' } }));
    expect(set).toMatchObject({ hardwareProfile: 'openstack', provisioning: { rootDeviceHints: { deviceName: '/dev/vdb' } } });
    expect(statusStep(act({ state: 'registering', spec: { hardwareProfile: 'nosuchprofile' } }))).toMatchObject({
      errorType: 'registration error',
      errorMessage: 'no hardware profile named "nosuchprofile"',
    });
  });

  it('refuses a missing preprovisioningNetworkDataName Secret (ctrl:947-950)', () => {
    const set = statusStep(act({ state: 'registering', spec: { preprovisioningNetworkDataName: 'no-such-nd' } }));
    expect(set).toMatchObject({ errorType: 'registration error', errorMessage: 'failed to read preprovisioningNetworkData: secrets "no-such-nd" not found' });
  });

  it('runs a preparing pass for a new spec.raid and saves it (hsm:482-487, ctrl:2093-2120)', () => {
    const raid = { softwareRAIDVolumes: [{ level: '1' }] };
    expect(stageOf({ state: 'available', spec: { raid } })).toBe('settings-changed');
    const set = statusStep(act({ state: 'preparing', spec: { raid } }));
    expect((set?.provisioning as { raid?: unknown }).raid).toEqual(raid);
  });
});

describe("BMO's words and shapes", () => {
  it.each([
    [
      'no credentialsName (errors.go:24, ctrl:2537-2539)',
      { spec: { bmc: { address: 'ipmi://10.0.0.1', credentialsName: '' } } },
      goodSecret,
      'No BMC CredentialsName defined The BMC secret reference is empty',
    ],
    [
      'no username (bmc/errors.go:26)',
      {},
      { ...goodSecret, hasUsername: false },
      "Validation error with BMC credentials: Missing BMC connection detail 'username' in credentials",
    ],
    [
      'no password (bmc/errors.go:26)',
      {},
      { ...goodSecret, hasPassword: false },
      "Validation error with BMC credentials: Missing BMC connection details 'password' in credentials",
    ],
    [
      'no address and no Secret: the Secret first (ctrl:2605-2616)',
      { spec: { bmc: { address: '', credentialsName: 'worker-0-bmc-secret' } } },
      null,
      "BMC CredentialsName secret doesn't exist The BMC secret metal3/worker-0-bmc-secret does not exist",
    ],
  ] as const)('credentials message: %s', (_name, spec, secret, message) => {
    expect(statusStep(act({ state: 'registering', ...(spec as HostSpec) }, world(secret)))?.errorMessage).toBe(message);
  });

  it('sorts conditions as CAPI does: Ready first, then by type', () => {
    expect(computeConditions('available', 'OK', '', 1, NOW).map((c) => c.type)).toEqual([
      'Ready',
      'AvailableForProvisioning',
      'Healthy',
      'Manageable',
      'Progressing',
      'Provisioned',
    ]);
  });

  it('emits only Normal events (baremetalhost_types.go:1156), for failures too', () => {
    const failing = { ...settings, failureRates: { ...settings.failureRates, inspect: 1 } };
    const h = host({ state: 'inspecting' });
    const steps = [...stepsFor(matchStage(h, world())!, h, world(), failing, NOW, () => 0), ...act({ state: 'registering' }, world(null))];
    expect(steps.filter((s) => s.kind === 'event' && (s as { type?: string }).type === 'Warning')).toEqual([]);
  });

  it('says "with no BMC details" for a discovered host (hsm:393-396)', () => {
    const h = host({ state: '', spec: { bmc: undefined } });
    expect(stepsFor(matchStage(h, world())!, h, world(), settings, NOW, () => 0.99)).toContainEqual(
      expect.objectContaining({ kind: 'event', reason: 'Discovered', message: 'Discovered host with no BMC details' }),
    );
  });
});
