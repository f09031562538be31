/** BMO's provisioning states in lifecycle order, and the error types of the CRD. */

export const PROVISIONING_STATES = [
  'unmanaged',
  'registering',
  'match profile',
  'inspecting',
  'preparing',
  'ready',
  'available',
  'provisioning',
  'provisioned',
  'externally provisioned',
  'deprovisioning',
  'powering off before delete',
  'deleting',
] as const;

export type ProvisioningState = (typeof PROVISIONING_STATES)[number];

/** A new host has no state until BMO's first reconcile; the dashboard calls that `none`. */
export const NO_STATE = 'none';

export const ERROR_TYPES = [
  'provisioned registration error',
  'registration error',
  'inspection error',
  'preparation error',
  'provisioning error',
  'power management error',
  'servicing error',
] as const;

export type ErrorType = (typeof ERROR_TYPES)[number];

export const OPERATIONAL_STATUSES = ['OK', 'discovered', 'error', 'delayed', 'detached', 'servicing'] as const;

/**
 * What a `baremetalhost.metal3.io/status` annotation may restore: BMO's OperationalStatusAllowed
 * and ErrorTypeAllowed (upstream apis/metal3.io/v1alpha1/baremetalhost_types.go:260, :295), the
 * CRD's enums without "servicing" and "servicing error", plus empty.
 */
export const STATUS_ANNOTATION_OPERATIONAL_STATUSES: readonly string[] = ['', ...OPERATIONAL_STATUSES.filter((s) => s !== 'servicing')];
export const STATUS_ANNOTATION_ERROR_TYPES: readonly string[] = ['', ...ERROR_TYPES.filter((t) => t !== 'servicing error')];

/** `count-powering-off-before-delete`: states as test ids and URL values. */
export function stateSlug(state: string): string {
  return (state || NO_STATE).replace(/\s+/g, '-');
}

/** Lifecycle position, for sorting; unknown states go last. */
export function stateOrder(state: string): number {
  if (state === NO_STATE || state === '') return -1;
  const i = (PROVISIONING_STATES as readonly string[]).indexOf(state);
  return i === -1 ? PROVISIONING_STATES.length : i;
}

/** States the dashboard always shows a tile for, even at zero. */
export const PRIMARY_STATES: readonly string[] = [
  'registering',
  'inspecting',
  'preparing',
  'available',
  'provisioning',
  'provisioned',
  'deprovisioning',
  'powering off before delete',
  'deleting',
];
