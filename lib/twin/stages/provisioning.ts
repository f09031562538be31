/**
 * Provisioning, provisioned, deprovisioning and leaving externally provisioned:
 * handleProvisioning (hsm:559-584), handleProvisioned (hsm:586-594), handleDeprovisioning
 * (hsm:596-630), handleExternallyProvisioned (hsm:441-459).
 */
import { imageCancelled, inError, isDeleting, isDetached, managed, provisioningCancelled, statusOf, stateOf, type TwinHost, type World } from '../host';
import { event, moveTo, provisioning, setError, status, type SharedFixture, type Stage, type Step } from '../stage';

/** Entering deprovisioning; the fixture's first Deprovision call publishes DeprovisionStarted (fixture.go:321-335). */
export function startDeprovisioning(h: TwinHost, now: string, extra = {}): Step[] {
  const custom = Boolean(statusOf(h).provisioning?.customDeploy?.method);
  return [
    status(moveTo(h, 'deprovisioning', now, extra)),
    event('DeprovisionStarted', custom ? 'Custom deploy deprovisioning started' : 'Image deprovisioning started'),
  ];
}

/** During provisioning only removing the image cancels: the status has no image yet (hsm:550-551). */
function cancelledWhileProvisioning(h: TwinHost): boolean {
  if (h.bmh.spec?.customDeploy?.method) return false;
  return imageCancelled(h);
}

/** fixture.go:285-306: the first Provision fills the (shared) slot and waits; with the slot full it is a no-op. */
function provisionSlot(fixture: SharedFixture, h: TwinHost) {
  const slot = h.bmh.spec?.customDeploy?.method ? 'customDeploy' : 'image';
  return { wait: !fixture[slot], next: { ...fixture, [slot]: true } };
}

/** fixture.go:311-339: Deprovision waits while a slot is full, and empties it. */
function deprovisionSlot(fixture: SharedFixture) {
  if (fixture.image) return { wait: true, next: { ...fixture, image: false } };
  if (fixture.customDeploy) return { wait: true, next: { ...fixture, customDeploy: false } };
  return { wait: false, next: fixture };
}

/** getImageAuthSecret → ImageAuthValidator (ctrl:2571-2586, image_auth_validator.go:40-56). */
export function imageAuthProblem(h: TwinHost, world: World): string | undefined {
  const image = h.bmh.spec?.image;
  const name = image?.ociAuthSecretName;
  if (!image?.url.startsWith('oci://') || !name) return undefined;
  const { namespace } = h.bmh.metadata;
  const secret = world.secret(namespace, name);
  if (!secret) return `auth secret ${JSON.stringify(name)} not found in namespace ${JSON.stringify(namespace)}`;
  if (secret.type !== 'kubernetes.io/dockerconfigjson' && secret.type !== 'kubernetes.io/dockercfg') {
    return `secret ${JSON.stringify(name)} has unsupported type ${JSON.stringify(secret.type)} (expected kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg)`;
  }
  return undefined;
}

const provisioningError = (h: TwinHost) => inError(h) && statusOf(h).errorType === 'provisioning error';

export const PROVISIONING_STAGES: readonly Stage[] = [
  {
    name: 'provisioning-cancelled',
    delay: 'none',
    when: (h) => stateOf(h) === 'provisioning' && managed(h) && !inError(h) && cancelledWhileProvisioning(h),
    act: (h, { now }) => startDeprovisioning(h, now),
  },
  {
    // hsm:560-567: a failed provisioning stays in provisioning with its error for the backoff, then counts the failure and deprovisions.
    name: 'provisioning-failed',
    delay: 'backoff',
    when: (h) => stateOf(h) === 'provisioning' && !isDetached(h) && !isDeleting(h) && provisioningError(h),
    act: (h, { now }) => startDeprovisioning(h, now, { provisioningFailCount: (statusOf(h).provisioningFailCount ?? 0) + 1 }),
  },
  {
    // actionProvisioning (ctrl:1430-1434): a bad OCI pull Secret is a provisioning error, before Provision is called.
    name: 'image-auth-failed',
    delay: 'none',
    when: (h, world) =>
      stateOf(h) === 'provisioning' && managed(h) && !inError(h) && !cancelledWhileProvisioning(h) && imageAuthProblem(h, world) !== undefined,
    act: (h, { world }) => {
      const message = imageAuthProblem(h, world)!;
      return [status(setError(h, 'provisioning error', message)), event('ProvisioningError', message)];
    },
  },
  {
    name: 'provisioned',
    delay: 'provision',
    failure: { key: 'provision', errorType: 'provisioning error', reason: 'ProvisioningError', message: 'Image provisioning failed (injected fault)' },
    shared: provisionSlot,
    when: (h, world) =>
      stateOf(h) === 'provisioning' && managed(h) && !inError(h) && !cancelledWhileProvisioning(h) && imageAuthProblem(h, world) === undefined,
    act: (h, { now }) => {
      const spec = h.bmh.spec;
      const written = { state: 'provisioned', image: spec?.image ?? { url: '' }, ...(spec?.customDeploy ? { customDeploy: spec.customDeploy } : {}) };
      return [status(moveTo(h, 'provisioned', now, { provisioning: provisioning(h, written), errorCount: 0, provisioningFailCount: 0 }))];
    },
  },
  {
    name: 'provisioned-cancelled',
    delay: 'none',
    when: (h) => stateOf(h) === 'provisioned' && managed(h) && provisioningCancelled(h),
    act: (h, { now }) => startDeprovisioning(h, now),
  },
  {
    name: 'deprovisioned',
    delay: 'deprovision',
    failure: { key: 'deprovision', errorType: 'provisioning error', reason: 'ProvisioningError', message: 'Image deprovisioning failed (injected fault)' },
    shared: deprovisionSlot,
    when: (h) => stateOf(h) === 'deprovisioning' && !isDetached(h) && (!inError(h) || provisioningError(h) || isDeleting(h)),
    act: (h, { now }) => {
      const next = isDeleting(h) ? 'powering off before delete' : 'available';
      const cleared = provisioning(h, { state: next, image: { url: '' } });
      delete (cleared as { customDeploy?: unknown }).customDeploy;
      return [status(moveTo(h, next, now, { provisioning: cleared, errorCount: 0 })), event('DeprovisionComplete', 'Image deprovisioning completed')];
    },
  },
  {
    // Copies image *and* customDeploy; with neither, the next pass deprovisions (hsm:447-457).
    name: 'externally-provisioned-to-provisioned',
    delay: 'none',
    when: (h) => stateOf(h) === 'externally provisioned' && managed(h) && h.bmh.spec?.externallyProvisioned !== true,
    act: (h, { now }) => {
      const spec = h.bmh.spec;
      const written = {
        state: 'provisioned',
        ...(spec?.image ? { image: spec.image } : {}),
        ...(spec?.customDeploy ? { customDeploy: spec.customDeploy } : {}),
      };
      return [status(moveTo(h, 'provisioned', now, { provisioning: provisioning(h, written) }))];
    },
  },
];
