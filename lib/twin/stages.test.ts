import { describe, expect, it } from 'vitest';
import { ANNOTATIONS, BMH_FINALIZER, type BareMetalHostStatus } from '../bmh/types';
import { planFor, stepsFor } from './engine';
import type { SecretInfo } from './host';
import { events, goodSecret, host, image, nextState, NOW, statusStep, world, type HostSpec } from './test-hosts';
import { errorBackoff } from './profiles';
import { settingsFor } from './settings';
import { matchStage } from './stages';
import { FRESH_FIXTURE } from './stage';

describe('the twin walks BMO test mode transitions', () => {
  const cases: [string, HostSpec, SecretInfo | null, string, string | undefined, string][] = [
    // description, host, secret, stage, next state, delay
    ['adds the finalizer to a new host first', { state: '', finalizers: [] }, goodSecret, 'add-finalizer', undefined, 'none'],
    ['starts registering a host with BMC details', { state: '' }, goodSecret, 'start-registering', 'registering', 'none'],
    ['marks a host without BMC details unmanaged', { state: '', spec: { bmc: undefined } }, goodSecret, 'discover-unmanaged', 'unmanaged', 'none'],
    ['registers an unmanaged host once BMC details appear', { state: 'unmanaged' }, goodSecret, 'start-registering', 'registering', 'none'],
    ['moves registering to inspecting after the register delay', { state: 'registering' }, goodSecret, 'registered', 'inspecting', 'register'],
    [
      'skips inspection when inspectionMode is disabled',
      { state: 'registering', spec: { inspectionMode: 'disabled' } },
      goodSecret,
      'registered',
      'preparing',
      'register',
    ],
    [
      'skips inspection with the legacy inspect annotation',
      { state: 'registering', annotations: { [ANNOTATIONS.inspect]: 'disabled' } },
      goodSecret,
      'registered',
      'preparing',
      'register',
    ],
    [
      'goes straight to externally provisioned',
      { state: 'registering', spec: { externallyProvisioned: true } },
      goodSecret,
      'registered',
      'externally provisioned',
      'register',
    ],
    ['finishes inspection into preparing', { state: 'inspecting' }, goodSecret, 'inspected', 'preparing', 'inspect'],
    ['finishes preparing into available', { state: 'preparing' }, goodSecret, 'prepared', 'available', 'prepare'],
    ['moves the legacy match profile state to preparing', { state: 'match profile' }, goodSecret, 'match-profile', 'preparing', 'none'],
    ['starts provisioning when online with an image', { state: 'available', spec: { image } }, goodSecret, 'start-provisioning', 'provisioning', 'none'],
    [
      'does not provision an offline host (only power follows)',
      { state: 'available', spec: { image, online: false } },
      goodSecret,
      'power',
      undefined,
      'power',
    ],
    [
      'completes provisioning',
      { state: 'provisioning', spec: { image }, status: { lastAttemptedImage: image } as BareMetalHostStatus },
      goodSecret,
      'provisioned',
      'provisioned',
      'provision',
    ],
    [
      'cancels provisioning when the image goes away',
      { state: 'provisioning', status: { lastAttemptedImage: image } as BareMetalHostStatus },
      goodSecret,
      'provisioning-cancelled',
      'deprovisioning',
      'none',
    ],
    [
      'deprovisions when the image is removed',
      { state: 'provisioned', status: { provisioning: { state: 'provisioned', ID: 'temporary-fake-id', image } } },
      goodSecret,
      'provisioned-cancelled',
      'deprovisioning',
      'none',
    ],
    [
      'deprovisions when the image URL changes',
      {
        state: 'provisioned',
        spec: { image: { url: 'http://other/img', checksum: 'ab'.repeat(16) } },
        status: { provisioning: { state: 'provisioned', ID: 'temporary-fake-id', image } },
      },
      goodSecret,
      'provisioned-cancelled',
      'deprovisioning',
      'none',
    ],
    ['finishes deprovisioning into available', { state: 'deprovisioning' }, goodSecret, 'deprovisioned', 'available', 'deprovision'],
    [
      'moves available to externally provisioned on request',
      { state: 'available', spec: { externallyProvisioned: true } },
      goodSecret,
      'available-to-externally-provisioned',
      'externally provisioned',
      'none',
    ],
    [
      'moves externally provisioned back to provisioned',
      { state: 'externally provisioned', spec: { externallyProvisioned: false, image } },
      goodSecret,
      'externally-provisioned-to-provisioned',
      'provisioned',
      'none',
    ],
    [
      're-inspects on the inspect annotation',
      { state: 'available', annotations: { [ANNOTATIONS.inspect]: '' } },
      goodSecret,
      'reinspect',
      'inspecting',
      'none',
    ],
    [
      'prepares again when root device hints change',
      { state: 'available', spec: { rootDeviceHints: { deviceName: '/dev/sdb' } } },
      goodSecret,
      'settings-changed',
      'preparing',
      'none',
    ],
    ['powers off when online goes false', { state: 'available', spec: { online: false } }, goodSecret, 'power', undefined, 'power'],
    [
      'powers on when online goes true',
      { state: 'provisioned', status: { poweredOn: false, provisioning: { state: 'provisioned', ID: 'temporary-fake-id', image } }, spec: { image } },
      goodSecret,
      'power',
      undefined,
      'power',
    ],
    [
      'powers off for a reboot annotation',
      { state: 'provisioned', spec: { image }, status: { provisioning: { state: 'provisioned', ID: 'x', image } }, annotations: { [ANNOTATIONS.reboot]: '' } },
      goodSecret,
      'power',
      undefined,
      'power',
    ],
    [
      'detaches on the detached annotation',
      {
        state: 'provisioned',
        annotations: { [ANNOTATIONS.detached]: '' },
        spec: { image },
        status: { provisioning: { state: 'provisioned', ID: 'x', image } },
      },
      goodSecret,
      'detach',
      undefined,
      'none',
    ],
    ['re-attaches when the annotation goes', { state: 'available', status: { operationalStatus: 'detached' } }, goodSecret, 'reattach', undefined, 'none'],
    ['does nothing for a paused host', { state: 'registering', annotations: { [ANNOTATIONS.paused]: '' } }, goodSecret, '', undefined, ''],
    // delete flows
    [
      'deletes an available host by powering off first',
      { state: 'available', deleting: true },
      goodSecret,
      'delete-power-off',
      'powering off before delete',
      'none',
    ],
    [
      'deletes a provisioned host by deprovisioning first',
      { state: 'provisioned', deleting: true },
      goodSecret,
      'delete-deprovision',
      'deprovisioning',
      'none',
    ],
    [
      'powers off after deprovisioning when deleting',
      { state: 'deprovisioning', deleting: true },
      goodSecret,
      'deprovisioned',
      'powering off before delete',
      'deprovision',
    ],
    [
      'goes to deleting once powered off',
      { state: 'powering off before delete', deleting: true },
      goodSecret,
      'powering-off-before-delete',
      'deleting',
      'power',
    ],
    ['removes the finalizer in deleting', { state: 'deleting', deleting: true }, goodSecret, 'deleting', undefined, 'delete'],
    ['deletes a registering host at once', { state: 'registering', deleting: true }, goodSecret, 'delete-unregistered', 'deleting', 'none'],
    [
      'deletes a detached host without powering off',
      { state: 'provisioned', deleting: true, annotations: { [ANNOTATIONS.detached]: '' }, status: { operationalStatus: 'detached' } },
      goodSecret,
      'delete-detached',
      'deleting',
      'none',
    ],
    // BMC credentials
    ['reports a missing BMC secret', { state: 'registering' }, null, 'credentials-invalid', undefined, 'none'],
    [
      'retries a missing BMC secret every 10 s',
      {
        state: 'registering',
        status: {
          operationalStatus: 'error',
          errorType: 'registration error',
          errorMessage: "BMC CredentialsName secret doesn't exist The BMC secret metal3/worker-0-bmc-secret does not exist",
          errorCount: 1,
        },
      },
      null,
      'credentials-missing-secret-retry',
      undefined,
      'credentialsRetry',
    ],
    ['reports a secret without a username', { state: 'registering' }, { ...goodSecret, hasUsername: false }, 'credentials-invalid', undefined, 'none'],
    [
      'waits for a change after a credentials error',
      {
        state: 'registering',
        status: {
          operationalStatus: 'error',
          errorType: 'registration error',
          errorMessage: "Validation error with BMC credentials: Missing BMC connection details 'password' in credentials",
          errorCount: 1,
        },
      },
      { ...goodSecret, hasPassword: false },
      'credentials-wait',
      undefined,
      'none',
    ],
    [
      'clears the error once credentials are fixed',
      {
        state: 'registering',
        status: { operationalStatus: 'error', errorType: 'registration error', errorMessage: 'Validation error with BMC credentials: x', errorCount: 3 },
      },
      goodSecret,
      'credentials-recovered',
      undefined,
      'none',
    ],
    [
      'retries an injected inspection error after backoff',
      { state: 'inspecting', status: { operationalStatus: 'error', errorType: 'inspection error', errorMessage: 'x', errorCount: 1 } },
      goodSecret,
      'retry-after-error',
      undefined,
      'backoff',
    ],
    ['stays quietly available otherwise', { state: 'available' }, goodSecret, '', undefined, ''],
  ];

  it.each(cases)('%s', (_name, spec, secret, stageName, state, delay) => {
    const h = host(spec);
    const stage = matchStage(h, world(secret));
    expect(stage?.name ?? '').toBe(stageName);
    if (!stage) return;
    expect(stage.delay).toBe(delay);
    const steps = stage.act(h, { now: NOW, world: world(secret) });
    expect(nextState(steps)).toBe(state);
  });
});

describe('what the stages write', () => {
  it('writes BMO status fields when registration completes', () => {
    const h = host({ state: 'registering', status: { operationalStatus: '', operationHistory: { register: { start: '2026-11-23T09:59:59Z', end: null } } } });
    const steps = matchStage(h, world())!.act(h, { now: NOW, world: world() });
    const set = statusStep(steps)!;
    expect(set.provisioning).toMatchObject({ state: 'inspecting', ID: 'temporary-fake-id', bootMode: 'UEFI', rootDeviceHints: { deviceName: '/dev/sda' } });
    expect(set.operationalStatus).toBe('OK');
    expect(set.errorType).toBeNull();
    expect(set.hardwareProfile).toBe('unknown');
    expect(set.goodCredentials).toEqual({ credentials: { name: 'worker-0-bmc-secret', namespace: 'metal3' }, credentialsVersion: '7' });
    expect(set.operationHistory).toMatchObject({ register: { start: '2026-11-23T09:59:59Z', end: NOW }, inspect: { start: NOW, end: null } });
    expect(events(steps)).toEqual(['Registered', 'BMCAccessValidated', 'ProfileSet']);
  });

  it('uses the libvirt profile for libvirt BMC addresses', () => {
    const h = host({ state: 'registering', spec: { bmc: { address: 'libvirt://192.168.122.1:6233/', credentialsName: 'worker-0-bmc-secret' } } });
    const set = statusStep(matchStage(h, world())!.act(h, { now: NOW, world: world() }))!;
    expect(set.hardwareProfile).toBe('libvirt');
    expect(set.provisioning?.rootDeviceHints).toEqual({ deviceName: '/dev/vda' });
  });

  it('fills hardware details, HardwareData and spec.architecture after inspection', () => {
    const h = host({ state: 'inspecting' });
    const steps = matchStage(h, world())!.act(h, { now: NOW, world: world() });
    expect(statusStep(steps)?.hardware).toMatchObject({ ramMebibytes: 131072, cpu: { arch: 'x86_64', model: 'FancyPants CPU' } });
    expect(steps).toContainEqual({ kind: 'hardwareData', op: 'create' });
    expect(steps).toContainEqual({ kind: 'object', patch: { spec: { architecture: 'x86_64' } } });
    expect(events(steps)).toEqual(['InspectionComplete']);
  });

  it('records the written image and ends the provision operation', () => {
    const h = host({
      state: 'provisioning',
      spec: { image },
      status: { lastAttemptedImage: image, operationHistory: { provision: { start: '2026-11-23T09:59:50Z', end: null } } } as BareMetalHostStatus,
    });
    const steps = matchStage(h, world())!.act(h, { now: NOW, world: world() });
    const set = statusStep(steps)!;
    expect(set.provisioning?.image).toEqual(image);
    expect(set.operationHistory?.provision).toEqual({ start: '2026-11-23T09:59:50Z', end: NOW });
    // fixture.go:297-303 publishes ProvisioningComplete when provisioning starts, not here.
    expect(events(steps)).toEqual([]);
  });

  it('uses BMO messages for credentials problems', () => {
    const h = host({ state: 'registering' });
    const set = statusStep(matchStage(h, world(null))!.act(h, { now: NOW, world: world(null) }))!;
    expect(set).toMatchObject({
      operationalStatus: 'error',
      errorType: 'registration error',
      errorMessage: "BMC CredentialsName secret doesn't exist The BMC secret metal3/worker-0-bmc-secret does not exist",
      errorCount: 1,
    });
  });

  it('removes only its own finalizer at the end of the delete flow', () => {
    const h = host({ state: 'deleting', deleting: true, finalizers: ['other.io/keep', BMH_FINALIZER] });
    const steps = matchStage(h, world())!.act(h, { now: NOW, world: world() });
    expect(steps).toContainEqual({ kind: 'object', patch: { metadata: { finalizers: ['other.io/keep'] } } });
    expect(steps).toContainEqual({ kind: 'secret', op: 'release', name: 'worker-0-bmc-secret' });
  });
});

describe('timing and failure injection', () => {
  const settings = settingsFor('bmo-test-mode');

  it('waits the fixture delays', () => {
    expect(planFor(host({ state: 'inspecting' }), world(), settings, () => 0)?.delayMs).toBe(2000);
    expect(
      planFor(host({ state: 'provisioning', spec: { image }, status: { lastAttemptedImage: image } as BareMetalHostStatus }), world(), settings, () => 0)
        ?.delayMs,
    ).toBe(10_000);
    expect(planFor(host({ state: 'deprovisioning' }), world(), settings, () => 0)?.delayMs).toBe(10_000);
  });

  it('adds jitter from the injected random source', () => {
    const fast = settingsFor('fast');
    expect(planFor(host({ state: 'inspecting' }), world(), fast, () => 0)?.delayMs).toBe(200);
    expect(planFor(host({ state: 'inspecting' }), world(), fast, () => 1)?.delayMs).toBe(500);
  });

  it('waits nothing with the instant profile', () => {
    expect(planFor(host({ state: 'inspecting' }), world(), settingsFor('instant'), () => 0.5)?.delayMs).toBe(0);
  });

  it('shares inspection and image slots with the shared-fixture quirk', () => {
    const shared = { ...FRESH_FIXTURE, inspectionStarted: true, image: true };
    const quirky = { ...settings, sharedFixture: true };
    expect(planFor(host({ state: 'inspecting' }), world(), quirky, () => 0, shared)?.delayMs).toBe(0);
    expect(
      planFor(host({ state: 'provisioning', spec: { image }, status: { lastAttemptedImage: image } as BareMetalHostStatus }), world(), quirky, () => 0, shared)
        ?.delayMs,
    ).toBe(0);
    expect(planFor(host({ state: 'deprovisioning' }), world(), quirky, () => 0, shared)?.delayMs).toBe(10_000);
  });

  it('marks the shared fixture when an operation starts, as fixture.go does (inspection :232, image slot :297-303)', () => {
    const quirky = { ...settings, sharedFixture: true };
    const first = planFor(host({ state: 'inspecting' }), world(), quirky, () => 0, FRESH_FIXTURE)!;
    expect(first.delayMs).toBe(2000);
    expect(first.fixture?.inspectionStarted).toBe(true);
    // A second host that starts while the first still waits does not wait (upstream: only the first InspectHardware of the process).
    expect(planFor(host({ state: 'inspecting' }), world(), quirky, () => 0, first.fixture)?.delayMs).toBe(0);
    const provisioning = host({ state: 'provisioning', spec: { image }, status: { lastAttemptedImage: image } as BareMetalHostStatus });
    const filled = planFor(provisioning, world(), quirky, () => 0, FRESH_FIXTURE)!;
    expect([filled.delayMs, filled.fixture?.image]).toEqual([10_000, true]);
    expect(planFor(provisioning, world(), quirky, () => 0, filled.fixture)?.delayMs).toBe(0);
    // Deprovision empties the slot and waits; the next one finds it empty and does not (fixture.go:311-339).
    const emptied = planFor(host({ state: 'deprovisioning' }), world(), quirky, () => 0, filled.fixture)!;
    expect([emptied.delayMs, emptied.fixture?.image]).toEqual([10_000, false]);
    expect(planFor(host({ state: 'deprovisioning' }), world(), quirky, () => 0, emptied.fixture)?.delayMs).toBe(0);
    // Deleted (fixture.go:347) and PoweredOn (:371, :393) are process-wide too.
    const deleting = host({ state: 'deleting', deleting: true });
    const deleted = planFor(deleting, world(), quirky, () => 0, FRESH_FIXTURE)!;
    expect(deleted.fixture?.deleted).toBe(true);
    expect(planFor(deleting, world(), quirky, () => 0, deleted.fixture)?.delayMs).toBe(0);
    const on = planFor(host({ state: 'available', status: { poweredOn: false } }), world(), quirky, () => 0, FRESH_FIXTURE)!;
    expect(on.fixture?.poweredOn).toBe(true);
  });

  it('ignores the shared fixture unless the quirk is on (the default: every host has its own fixture)', () => {
    expect(planFor(host({ state: 'inspecting' }), world(), settings, () => 0, { ...FRESH_FIXTURE, inspectionStarted: true })).toEqual({
      stage: expect.objectContaining({ name: 'inspected' }),
      delayMs: 2000,
    });
  });

  it('fails a stage with its error type when the dice say so', () => {
    const failing = { ...settings, failureRates: { ...settings.failureRates, inspect: 0.5 } };
    const h = host({ state: 'inspecting' });
    const stage = matchStage(h, world())!;
    const failed = stepsFor(stage, h, world(), failing, NOW, () => 0.4);
    expect(statusStep(failed)).toMatchObject({ operationalStatus: 'error', errorType: 'inspection error', errorCount: 1 });
    expect(events(failed)).toEqual(['InspectionError']);
    const passed = stepsFor(stage, h, world(), failing, NOW, () => 0.6);
    expect(nextState(passed)).toBe('preparing');
  });

  it('keeps a failed provisioning in provisioning, then counts the failure and deprovisions after the backoff (hsm:560-567)', () => {
    const failing = { ...settings, failureRates: { ...settings.failureRates, provision: 1 } };
    const h = host({ state: 'provisioning', spec: { image }, status: { lastAttemptedImage: image } as BareMetalHostStatus });
    const set = statusStep(stepsFor(matchStage(h, world())!, h, world(), failing, NOW, () => 0))!;
    expect(set).toMatchObject({ errorType: 'provisioning error', errorCount: 1 });
    expect(set.provisioning).toBeUndefined();
    const failed = host({
      state: 'provisioning',
      spec: { image },
      status: {
        lastAttemptedImage: image,
        operationalStatus: 'error',
        errorType: 'provisioning error',
        errorCount: 1,
        operationHistory: { provision: { start: NOW, end: null } },
      } as BareMetalHostStatus,
    });
    const stage = matchStage(failed, world())!;
    expect([stage.name, stage.delay]).toEqual(['provisioning-failed', 'backoff']);
    const next = statusStep(stage.act(failed, { now: NOW, world: world() }))!;
    expect(next).toMatchObject({
      provisioningFailCount: 1,
      provisioning: { state: 'deprovisioning' },
      operationHistory: { provision: { start: NOW, end: NOW } },
    });
  });

  it('backs off 2^n units minus up to half, like BMO', () => {
    expect(errorBackoff(1, 60_000, () => 0)).toBe(120_000);
    expect(errorBackoff(1, 60_000, () => 1)).toBe(60_000);
    expect(errorBackoff(3, 60_000, () => 0)).toBe(480_000);
    expect(errorBackoff(20, 60_000, () => 0)).toBe(512 * 60_000);
  });

  it('drops events when they are turned off', () => {
    const h = host({ state: 'inspecting' });
    const steps = stepsFor(matchStage(h, world())!, h, world(), { ...settings, events: false }, NOW, () => 0.9);
    expect(events(steps)).toEqual([]);
  });
});
