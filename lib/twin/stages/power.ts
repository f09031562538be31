/** Power (manageHostPower, ctrl:1681-1800) and the retries of injected faults (actionFailed, action_result.go:128-151). */
import { ANNOTATIONS } from '../../bmh/types';
import { desiredPower, hasRebootAnnotation, healthy, inError, isDeleting, rebootRequested, statusOf, stateOf, type TwinHost } from '../host';
import { clearError, event, removeAnnotation, status, type Stage, type Step } from '../stage';

const POWER_STATES = new Set(['available', 'ready', 'provisioned', 'externally provisioned']);
const powerManaged = (h: TwinHost) => POWER_STATES.has(stateOf(h)) && healthy(h);

export const POWER_STAGES: readonly Stage[] = [
  {
    name: 'power',
    delay: 'power',
    failure: {
      key: 'power',
      errorType: 'power management error',
      reason: 'PowerManagementError',
      message: 'Failed to change the power state (injected fault)',
    },
    // fixture.go:368-402: one PoweredOn for the whole process; PowerOn/PowerOff publish only when they flip it.
    shared: (fixture, h) => ({ wait: fixture.poweredOn !== desiredPower(h), next: { ...fixture, poweredOn: desiredPower(h) } }),
    when: (h) => powerManaged(h) && (statusOf(h).poweredOn ?? false) !== desiredPower(h),
    act: (h) => {
      const on = desiredPower(h);
      const steps: Step[] = [status({ poweredOn: on, errorCount: 0 }), event(on ? 'PowerOn' : 'PowerOff', on ? 'Host powered on' : 'Host powered off')];
      // ctrl:1721-1729: the suffix-less reboot annotation is removed once the host is off; suffixed ones hold it off.
      if (!on && h.bmh.metadata.annotations?.[ANNOTATIONS.reboot] !== undefined) steps.push(removeAnnotation(ANNOTATIONS.reboot));
      return steps;
    },
  },
  {
    name: 'reboot-annotation-cleanup',
    delay: 'none',
    when: (h) =>
      POWER_STATES.has(stateOf(h)) &&
      !isDeleting(h) &&
      h.bmh.metadata.annotations?.[ANNOTATIONS.reboot] !== undefined &&
      hasRebootAnnotation(h) &&
      rebootRequested(h) &&
      !statusOf(h).poweredOn,
    act: () => [removeAnnotation(ANNOTATIONS.reboot)],
  },
];

/** Injected inspection, preparation and power faults retry after 2^n minutes (the profile scales the minute). */
export const RETRY_STAGES: readonly Stage[] = [
  {
    name: 'retry-after-error',
    delay: 'backoff',
    when: (h) => inError(h) && !isDeleting(h) && ['inspection error', 'preparation error', 'power management error'].includes(statusOf(h).errorType ?? ''),
    act: (h) => [status(clearError(h))],
  },
];
