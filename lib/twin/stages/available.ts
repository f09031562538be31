/**
 * An available host: handleAvailable (hsm:470-519) and actionManageAvailable (ctrl:2047-2070).
 * Upstream is one if-chain; `availableAction` is that chain, so the stages below never overlap.
 */
import { ANNOTATIONS } from '../../bmh/types';
import { annotation, managed, needsProvisioning, statusOf, type TwinHost } from '../host';
import { clearError, event, inState, moveTo, provisioning, setError, status, type Stage } from '../stage';
import { provisioningSettingsDirty } from './settings';

/** BMO's --max-provisioning-retries default (main.go:245). */
export const MAX_PROVISIONING_RETRIES = 5;

type Action = 'externally-provisioned' | 'inspect' | 'prepare' | 'reset-fail-count' | 'retry-limit' | 'provision';

const lastAttempted = (h: TwinHost) => (statusOf(h) as { lastAttemptedImage?: unknown }).lastAttemptedImage;
const sameImage = (h: TwinHost) => JSON.stringify(h.bmh.spec?.image ?? null) === JSON.stringify(lastAttempted(h) ?? null);
/** The fail count after actionManageAvailable's reset on a new image (ctrl:2050-2055). */
const failCount = (h: TwinHost) => (sameImage(h) ? (statusOf(h).provisioningFailCount ?? 0) : 0);
const limitMessage = (n: number) =>
  `provisioning failed ${n} times, retry limit (${MAX_PROVISIONING_RETRIES}) reached; change image or reset provisioningFailCount to retry`;

export function availableAction(h: TwinHost): Action | undefined {
  if (!inState('available', 'ready')(h) || !managed(h)) return undefined;
  if (h.bmh.spec?.externallyProvisioned) return 'externally-provisioned';
  const inspect = annotation(h, ANNOTATIONS.inspect);
  if (inspect !== undefined && inspect !== 'disabled') return 'inspect';
  if (provisioningSettingsDirty(h)) return 'prepare';
  // hsm:505-511: no image requested resets the count.
  if (!h.bmh.spec?.image?.url && (statusOf(h).provisioningFailCount ?? 0) > 0) return 'reset-fail-count';
  if (!needsProvisioning(h)) return undefined;
  if (failCount(h) >= MAX_PROVISIONING_RETRIES) return statusOf(h).errorMessage === limitMessage(failCount(h)) ? undefined : 'retry-limit';
  return 'provision';
}

const when = (action: Action) => (h: TwinHost) => availableAction(h) === action;

export const AVAILABLE_STAGES: readonly Stage[] = [
  {
    // clearHostProvisioningSettings (ctrl:1491-1498) drops the saved root device hints.
    name: 'available-to-externally-provisioned',
    delay: 'none',
    when: when('externally-provisioned'),
    act: (h, { now }) => [
      status(moveTo(h, 'externally provisioned', now, { provisioning: provisioning(h, { state: 'externally provisioned', rootDeviceHints: undefined }) })),
    ],
  },
  {
    name: 'reinspect',
    delay: 'none',
    when: when('inspect'),
    act: (h, { now }) => [{ kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.inspect]: null } } } }, status(moveTo(h, 'inspecting', now))],
  },
  {
    name: 'settings-changed',
    delay: 'none',
    when: when('prepare'),
    act: (h, { now }) => [status(moveTo(h, 'preparing', now))],
  },
  {
    name: 'reset-fail-count',
    delay: 'none',
    when: when('reset-fail-count'),
    act: () => [status({ provisioningFailCount: 0, lastAttemptedImage: null } as never)],
  },
  {
    name: 'retry-limit',
    delay: 'none',
    when: when('retry-limit'),
    act: (h) => [status({ ...setError(h, 'provisioning error', limitMessage(failCount(h))), provisioningFailCount: failCount(h) })],
  },
  {
    // The fixture's first Provision call publishes ProvisioningComplete as provisioning *starts* (fixture.go:288-303).
    name: 'start-provisioning',
    delay: 'none',
    when: when('provision'),
    act: (h, { now }) => [
      status({
        ...moveTo(h, 'provisioning', now),
        ...clearError(h),
        provisioningFailCount: failCount(h),
        // hsm:573-575: the image attempted, for the retry limit's reset.
        ...(h.bmh.spec?.image ? { lastAttemptedImage: h.bmh.spec.image } : {}),
      } as never),
      event('ProvisioningComplete', h.bmh.spec?.customDeploy?.method ? 'Custom deploy provisioning completed' : 'Image provisioning completed'),
    ],
  },
];
