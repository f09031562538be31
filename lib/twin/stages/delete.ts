/**
 * Deletion: checkInitiateDelete (hsm:224-275), then powering off before delete (hsm:632-661)
 * and deleting (ctrl:574-630). Deprovisioning on the way is in provisioning.ts.
 */
import { ANNOTATIONS, BMH_FINALIZER } from '../../bmh/types';
import { annotation, deleteDelayedForDetached, hasFinalizer, isDeleting, isDetached, statusOf, stateOf, type TwinHost } from '../host';
import { event, inState, moveTo, status, type Stage, type Step } from '../stage';
import { startDeprovisioning } from './provisioning';

/** hsm:236-237: detached for deletion as soon as the annotation is there (#3213), or by status. */
const detachedForDelete = (h: TwinHost) => isDetached(h) || annotation(h, ANNOTATIONS.detached) !== undefined;
/** A delete the state machine starts from this state (hsm:248-273 only, not the detached path). */
const deleteRequested = (h: TwinHost) => isDeleting(h) && !detachedForDelete(h);
const secretName = (h: TwinHost) => h.bmh.spec?.bmc?.credentialsName ?? '';
/** hsm:236-246: a detached host skips power-off and deprovisioning, unless its delete is delayed. */
const detachedDelete = (h: TwinHost) => isDeleting(h) && stateOf(h) !== 'deleting' && detachedForDelete(h) && !deleteDelayedForDetached(h);

export const DELETE_STAGES: readonly Stage[] = [
  {
    // hsm:236-246: a detached host skips power-off and deprovisioning, unless its delete is delayed
    // (`deleteAction: delay`, or detached by status with the annotation gone: annotations.go:38-53).
    name: 'delete-detached',
    delay: 'none',
    when: detachedDelete,
    act: (h, { now }) => [status(moveTo(h, 'deleting', now))],
  },
  {
    name: 'delete-unregistered',
    delay: 'none',
    when: (h) => deleteRequested(h) && inState('', 'unmanaged', 'registering')(h),
    act: (h, { now }) => [status(moveTo(h, 'deleting', now))],
  },
  {
    name: 'delete-deprovision',
    delay: 'none',
    when: (h) => deleteRequested(h) && inState('provisioning', 'provisioned')(h),
    act: (h, { now }) => startDeprovisioning(h, now),
  },
  {
    name: 'delete-power-off',
    delay: 'none',
    when: (h) => deleteRequested(h) && inState('inspecting', 'preparing', 'available', 'ready', 'externally provisioned', 'match profile')(h),
    act: (h, { now }) => [status(moveTo(h, 'powering off before delete', now))],
  },
  {
    // actionPowerOffBeforeDeleting skips the power-off with spec.disablePowerOff (ctrl:540-545).
    name: 'powering-off-before-delete',
    delay: 'power',
    when: (h) => inState('powering off before delete')(h) && !detachedDelete(h),
    act: (h, { now }) => {
      const off = h.bmh.spec?.disablePowerOff !== true;
      return [
        status(moveTo(h, 'deleting', now, { errorCount: 0, ...(off ? { poweredOn: false } : {}) })),
        ...(off && statusOf(h).poweredOn ? [event('PowerOff', 'Host powered off')] : []),
      ];
    },
  },
  {
    name: 'deleting',
    delay: 'delete',
    when: (h) => stateOf(h) === 'deleting' && hasFinalizer(h),
    shared: (fixture) => ({ wait: !fixture.deleted, next: { ...fixture, deleted: true } }),
    act: (h) => [
      ...(secretName(h) ? [{ kind: 'secret', op: 'release', name: secretName(h) } as Step] : []),
      { kind: 'hardwareData', op: 'release' },
      { kind: 'object', patch: { metadata: { finalizers: (h.bmh.metadata.finalizers ?? []).filter((f) => f !== BMH_FINALIZER) } } },
    ],
  },
];
