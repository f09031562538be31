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

export function wantsDetach(h: TwinHost): { wanted: boolean; force: boolean; deleteAction: string } {
  const value = annotation(h, ANNOTATIONS.detached);
  if (value === undefined) return { wanted: false, force: false, deleteAction: 'delete' };
  try {
    const parsed = value ? (JSON.parse(value) as { force?: boolean; deleteAction?: string }) : {};
    return { wanted: true, force: parsed.force === true, deleteAction: parsed.deleteAction ?? 'delete' };
  } catch {
    return { wanted: true, force: false, deleteAction: 'delete' };
  }
}

export function rebootRequested(h: TwinHost): boolean {
  return Object.keys(h.bmh.metadata.annotations ?? {}).some((k) => k === ANNOTATIONS.reboot || k.startsWith(`${ANNOTATIONS.reboot}/`));
}

/** The power state BMO drives towards: `spec.online`, unless a reboot annotation holds the host off. */
export function desiredPower(h: TwinHost): boolean {
  return h.bmh.spec?.online === true && !rebootRequested(h);
}

export function inspectionDisabled(h: TwinHost): boolean {
  return h.bmh.spec?.inspectionMode === 'disabled' || annotation(h, ANNOTATIONS.inspect) === 'disabled';
}

/** The image BMO wants written: spec.image when online (customDeploy counts too). */
export function needsProvisioning(h: TwinHost): boolean {
  const spec = h.bmh.spec;
  if (!spec?.online) return false;
  const provisioned = statusOf(h).provisioning;
  if (spec.image?.url) return !provisioned?.image?.url;
  if (spec.customDeploy?.method) return !provisioned?.customDeploy?.method;
  return false;
}

/** The image was removed or its URL changed since it was written (BMO's provisioningCancelled). */
export function provisioningCancelled(h: TwinHost): boolean {
  const spec = h.bmh.spec;
  const written = statusOf(h).provisioning;
  if (written?.customDeploy?.method) return spec?.customDeploy?.method !== written.customDeploy.method;
  return (spec?.image?.url ?? '') !== (written?.image?.url ?? '');
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
