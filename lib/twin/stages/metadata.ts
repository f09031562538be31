/**
 * What BMO's Reconcile does before the state machine (ctrl:121-190): restore the status from
 * the status annotation, consume the hardwaredetails annotation, add the finalizer.
 */
import { ERROR_TYPES, OPERATIONAL_STATUSES } from '../../bmh/states';
import { ANNOTATIONS, BMH_FINALIZER, type BareMetalHostStatus } from '../../bmh/types';
import { annotation, inspectionDisabled, isDeleting, hasFinalizer, stateOf, type TwinHost } from '../host';
import { event, removeAnnotation, status, type Stage, type Step } from '../stage';

// The values the CRD's enums allow (baremetalhost_types.go:825, :830): what the API server accepts.
const OPERATIONAL = new Set<string>(['', ...OPERATIONAL_STATUSES]);
const ERROR_TYPE_VALUES = new Set<string>(['', ...ERROR_TYPES]);

/**
 * The status in the annotation, when the API server would accept it (unmarshalStatusAnnotation,
 * ctrl:2478-2500). An invalid one fails the reconcile upstream, which then backs off; the twin
 * does not write what the API would refuse.
 */
export function annotatedStatus(h: TwinHost): BareMetalHostStatus | undefined {
  try {
    const value = JSON.parse(annotation(h, ANNOTATIONS.status) ?? '') as BareMetalHostStatus;
    if (typeof value !== 'object' || value === null) return undefined;
    if (!OPERATIONAL.has(value.operationalStatus ?? '') || !ERROR_TYPE_VALUES.has(value.errorType ?? '')) return undefined;
    return value;
  } catch {
    return undefined;
  }
}

/** The hardware details in the annotation, if it is JSON (the webhook refuses anything else, wh:338-357). */
function annotatedHardware(h: TwinHost): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(annotation(h, ANNOTATIONS.hardwareDetails) ?? '') as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const METADATA_STAGES: readonly Stage[] = [
  {
    // reconcileHostData (ctrl:2720-2760): restore into an empty status, then drop the annotation.
    name: 'restore-status-annotation',
    delay: 'none',
    bookkeeping: true,
    when: (h) =>
      annotation(h, ANNOTATIONS.status) !== undefined && (stateOf(h) !== '' || !annotation(h, ANNOTATIONS.status) || annotatedStatus(h) !== undefined),
    act: (h) => {
      const restored = stateOf(h) === '' ? annotatedStatus(h) : undefined;
      return [...(restored ? [status(restored)] : []), removeAnnotation(ANNOTATIONS.status)];
    },
  },
  {
    // An invalid annotation fails every reconcile upstream (ctrl:2726-2731), which backs off; the
    // webhook refuses such values (wh:272-288). The host holds here, writing nothing.
    name: 'status-annotation-invalid',
    delay: 'none',
    when: (h) => stateOf(h) === '' && !!annotation(h, ANNOTATIONS.status) && annotatedStatus(h) === undefined,
    act: () => [],
  },
  {
    // updateHardwareDetails (ctrl:297-345): set status.hardware when it is empty or inspection is
    // disabled, then remove the annotation; an ignored one gets a RemoveAnnotation event.
    name: 'hardware-details-annotation',
    delay: 'none',
    when: (h) => annotation(h, ANNOTATIONS.hardwareDetails) !== undefined && annotatedHardware(h) !== undefined,
    act: (h) => {
      const consume = !h.hasHardware || inspectionDisabled(h);
      const steps: Step[] = consume
        ? [status({ hardware: annotatedHardware(h) }), event('UpdateHardwareDetails', 'Set HardwareDetails from hardware data or annotation')]
        : [event('RemoveAnnotation', 'HardwareDetails annotation ignored, status already set and inspection is not disabled')];
      return [...steps, removeAnnotation(ANNOTATIONS.hardwareDetails)];
    },
  },
  {
    name: 'add-finalizer',
    delay: 'none',
    bookkeeping: true,
    when: (h) => !isDeleting(h) && !hasFinalizer(h),
    act: (h) => [{ kind: 'object', patch: { metadata: { finalizers: [...(h.bmh.metadata.finalizers ?? []), BMH_FINALIZER] } } }],
  },
];
