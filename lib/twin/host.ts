/** The twin's view of one BareMetalHost, and the small questions its stages ask about it. */
import { ANNOTATIONS, BMH_FINALIZER, type BareMetalHost, type BareMetalHostStatus, type Operation } from '../bmh/types';

export interface TwinHost {
  bmh: BareMetalHost;
  /** `status.hardware` is dropped from the twin's cache (it is large); this says it was there. */
  hasHardware: boolean;
}

/** What the twin knows of one BMC Secret: never its data, only whether the fields are there. */
export interface SecretInfo {
  resourceVersion: string;
  hasUsername: boolean;
  hasPassword: boolean;
  claimed: boolean;
  /** uids of the hosts in its ownerReferences. */
  owners: string[];
  type: string;
}

export interface World {
  secret(namespace: string, name: string): SecretInfo | undefined;
}

export function toTwinHost(bmh: BareMetalHost): TwinHost {
  const status = bmh.status;
  if (!status?.hardware) return { bmh, hasHardware: false };
  const { hardware: _dropped, ...rest } = status;
  return { bmh: { ...bmh, status: rest }, hasHardware: true };
}

export const stateOf = (h: TwinHost): string => h.bmh.status?.provisioning?.state ?? '';
export const statusOf = (h: TwinHost): BareMetalHostStatus => h.bmh.status ?? {};
export const isDeleting = (h: TwinHost): boolean => Boolean(h.bmh.metadata.deletionTimestamp);
export const annotation = (h: TwinHost, key: string): string | undefined => h.bmh.metadata.annotations?.[key];
export const hasFinalizer = (h: TwinHost): boolean => (h.bmh.metadata.finalizers ?? []).includes(BMH_FINALIZER);
export const isPaused = (h: TwinHost): boolean => annotation(h, ANNOTATIONS.paused) !== undefined;
export const inError = (h: TwinHost): boolean => statusOf(h).operationalStatus === 'error';
export const hasBmcDetails = (h: TwinHost): boolean => Boolean(h.bmh.spec?.bmc?.address || h.bmh.spec?.bmc?.credentialsName);

export function isDetached(h: TwinHost): boolean {
  return statusOf(h).operationalStatus === 'detached';
}

/** BMO drives this host's lifecycle: it is neither being deleted nor detached. */
export const managed = (h: TwinHost): boolean => !isDeleting(h) && !isDetached(h);
/** Managed, and no error waits for its retry. */
export const healthy = (h: TwinHost): boolean => managed(h) && !inError(h);

/** The detached annotation's arguments (annotations.go:22-36); `parsed` is false for a value that is not JSON. */
export function wantsDetach(h: TwinHost): { wanted: boolean; force: boolean; deleteAction: string; parsed: boolean } {
  const value = annotation(h, ANNOTATIONS.detached);
  if (value === undefined) return { wanted: false, force: false, deleteAction: '', parsed: true };
  try {
    const parsed = value ? (JSON.parse(value) as { force?: boolean; deleteAction?: string }) : {};
    return { wanted: true, force: parsed.force === true, deleteAction: parsed.deleteAction ?? '', parsed: true };
  } catch {
    return { wanted: true, force: false, deleteAction: '', parsed: false };
  }
}

/**
 * delayDeleteForDetachedHost (annotations.go:38-53): a detached host whose annotation is gone
 * waits to be re-attached; otherwise only `deleteAction: delay` delays.
 */
export function deleteDelayedForDetached(h: TwinHost): boolean {
  const detach = wantsDetach(h);
  if (!detach.wanted) return isDetached(h);
  return detach.deleteAction === 'delay';
}

const isRebootKey = (k: string) => k === ANNOTATIONS.reboot || k.startsWith(`${ANNOTATIONS.reboot}/`);

/**
 * hasRebootAnnotation (ctrl:436-458): outside provisioned and externally provisioned
 * (ctrl:1705, :1748) only annotations with `"force": true` count.
 */
export function rebootRequested(h: TwinHost): boolean {
  const provisioned = ['provisioned', 'externally provisioned'].includes(stateOf(h));
  return Object.entries(h.bmh.metadata.annotations ?? {}).some(([k, v]) => isRebootKey(k) && (provisioned || rebootArgs(v).force === true));
}

function rebootArgs(value: string): { force?: boolean; mode?: string } {
  if (!value) return {};
  try {
    return JSON.parse(value) as { force?: boolean };
  } catch {
    return {};
  }
}

export const hasRebootAnnotation = (h: TwinHost): boolean => Object.keys(h.bmh.metadata.annotations ?? {}).some(isRebootKey);

/** The power state BMO drives towards: `spec.online`, unless a reboot annotation holds the host off. */
export function desiredPower(h: TwinHost): boolean {
  return h.bmh.spec?.online === true && !rebootRequested(h);
}

export function inspectionDisabled(h: TwinHost): boolean {
  return h.bmh.spec?.inspectionMode === 'disabled' || annotation(h, ANNOTATIONS.inspect) === 'disabled';
}

/** NeedsProvisioning (baremetalhost_types.go:1052-1085): online, with a new image or a new customDeploy. */
export function needsProvisioning(h: TwinHost): boolean {
  const spec = h.bmh.spec;
  if (!spec?.online) return false;
  const written = statusOf(h).provisioning;
  const newImage = Boolean(spec.image?.url) && !written?.image?.url;
  const newDeploy = Boolean(spec.customDeploy?.method) && !written?.customDeploy?.method;
  return newImage || newDeploy;
}

/** imageProvisioningCancelled (hsm:543-557): no image, or a written image whose URL changed. */
export function imageCancelled(h: TwinHost): boolean {
  const url = h.bmh.spec?.image?.url ?? '';
  const written = statusOf(h).provisioning?.image?.url ?? '';
  if (!url) return true;
  return written !== '' && url !== written;
}

/** provisioningCancelled (hsm:521-541). */
export function provisioningCancelled(h: TwinHost): boolean {
  const spec = h.bmh.spec;
  const written = statusOf(h).provisioning;
  if (spec?.customDeploy?.method) {
    if (written?.customDeploy?.method && spec.customDeploy.method !== written.customDeploy.method) return true;
    return Boolean(written?.image?.url) && spec.image?.url !== written?.image?.url;
  }
  if (written?.customDeploy?.method) return true;
  return imageCancelled(h);
}

export function operationHistory(h: TwinHost) {
  const history = statusOf(h).operationHistory ?? {};
  const empty = { start: null, end: null };
  return {
    register: history.register ?? empty,
    inspect: history.inspect ?? empty,
    provision: history.provision ?? empty,
    deprovision: history.deprovision ?? empty,
  };
}

export function beginOperation(h: TwinHost, op: Operation, now: string) {
  return { ...operationHistory(h), [op]: { start: now, end: null } };
}

export function endOperation(h: TwinHost, op: Operation, now: string) {
  const history = operationHistory(h);
  return { ...history, [op]: { start: history[op].start ?? now, end: now } };
}
