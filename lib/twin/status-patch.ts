/**
 * Pure builders of what the twin sends: the status JSON patch for a stage's changes, the
 * Secret claim, the HardwareData object and the Event. No IO here; lib/twin/writer.ts sends them.
 */
import { BMH_API_VERSION, type BareMetalHostStatus } from '../bmh/types';
import type { JsonPatchOp } from '../kube/client';
import type { KubeObject } from '../kube/object';
import { computeConditions } from './conditions';
import { FIXTURE_HARDWARE } from './fixture';
import { stateOf, type SecretInfo, type TwinHost } from './host';
import type { StatusChanges, Step } from './stage';

export const SECRET_FINALIZER = 'baremetalhost.metal3.io/secret';
const HARDWARE_DATA_FINALIZER = 'baremetalhost.metal3.io/hardwareData';

export const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** BMO trims the password and username before use (ctrl:2588), so whitespace counts as empty. */
const nonEmpty = (value: string | undefined) => Boolean(value && Buffer.from(value, 'base64').toString('utf8').trim().length > 0);

export function secretInfo(secret: KubeObject): SecretInfo {
  const data = secret.data as Record<string, string> | undefined;
  return {
    resourceVersion: secret.metadata?.resourceVersion ?? '',
    hasUsername: nonEmpty(data?.username),
    hasPassword: nonEmpty(data?.password),
    claimed: (secret.metadata?.finalizers ?? []).includes(SECRET_FINALIZER),
    owners: (secret.metadata?.ownerReferences ?? []).map((o) => o.uid),
    type: (secret as { type?: string }).type ?? 'Opaque',
  };
}

/** The zero-valued status Go serialises for a host BMO has never written (the CRD requires these fields). */
export const EMPTY_STATUS: BareMetalHostStatus = {
  operationalStatus: '',
  errorCount: 0,
  errorMessage: '',
  poweredOn: false,
  provisioningFailCount: 0,
  provisioning: { ID: '', state: '' },
};

export function mergeStatus(current: BareMetalHostStatus, set: StatusChanges): BareMetalHostStatus {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(set)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out as BareMetalHostStatus;
}

/** JSON patch ops that set the changed top-level status fields; `current` is undefined for a host with no status yet. */
export function statusOps(host: TwinHost, current: BareMetalHostStatus | undefined, set: StatusChanges, now: string): JsonPatchOp[] {
  const merged = mergeStatus(current ?? EMPTY_STATUS, set);
  const ops: JsonPatchOp[] = current ? [] : [{ op: 'add', path: '/status', value: EMPTY_STATUS }];
  for (const [key, value] of Object.entries(set)) {
    if (value === null) {
      if ((current ?? EMPTY_STATUS)[key as keyof BareMetalHostStatus] !== undefined) ops.push({ op: 'remove', path: `/status/${key}` });
    } else if (value !== undefined) {
      ops.push({ op: 'add', path: `/status/${key}`, value });
    }
  }
  // The credentials path returns before computeConditions (ctrl:197-210 → credentialsErrorResult
  // ctrl:397; computeConditions at ctrl:267), so a credentials error leaves the conditions alone.
  const credentialsError = merged.errorType === 'registration error' && merged.operationalStatus === 'error' && current?.conditions;
  if (!credentialsError) {
    const conditions = computeConditions(
      merged.provisioning?.state ?? stateOf(host),
      merged.operationalStatus ?? '',
      merged.errorType ?? '',
      host.bmh.metadata.generation ?? 1,
      now,
      current?.conditions,
    );
    // Unchanged conditions are not sent, so the stored ones stay shared between versions.
    if (JSON.stringify(conditions) !== JSON.stringify(current?.conditions)) ops.push({ op: 'add', path: '/status/conditions', value: conditions });
  }
  ops.push({ op: 'add', path: '/status/lastUpdated', value: now });
  return ops;
}

const ownerRef = (host: TwinHost, controller: boolean) => ({
  apiVersion: BMH_API_VERSION,
  kind: 'BareMetalHost',
  name: host.bmh.metadata.name,
  uid: host.bmh.metadata.uid ?? '',
  ...(controller ? { controller: true, blockOwnerDeletion: true } : {}),
});

/**
 * BMO's claimSecret (pkg/secretutils/secret_manager.go:66-115): the environment label, the
 * finalizer, and one owner reference per host that uses the Secret (strategic merge by uid).
 * ReleaseSecret (:157) removes only the finalizer; the next host to reconcile claims it again.
 */
export function secretPatch(host: TwinHost, op: 'claim' | 'release') {
  return op === 'claim'
    ? { metadata: { labels: { 'environment.metal3.io': 'baremetal' }, finalizers: [SECRET_FINALIZER], ownerReferences: [ownerRef(host, false)] } }
    : { metadata: { '$deleteFromPrimitiveList/finalizers': [SECRET_FINALIZER] } };
}

export function hardwareDataManifest(host: TwinHost, hardware: unknown = FIXTURE_HARDWARE) {
  const { namespace, name } = host.bmh.metadata;
  return {
    apiVersion: BMH_API_VERSION,
    kind: 'HardwareData',
    metadata: { name, namespace, finalizers: [HARDWARE_DATA_FINALIZER], ownerReferences: [ownerRef(host, true)] },
    spec: { hardware },
  };
}

/**
 * BMO's NewEvent (apis/metal3.io/v1alpha1/baremetalhost_types.go:1134-1160): GenerateName
 * "<Reason>-", always type Normal, `related` = spec.consumerRef, no resourceVersion. The prefix
 * is lower-cased here because the embedded API server holds every name to DNS-1123 rules.
 */
export function eventManifest(host: TwinHost, step: Step & { kind: 'event' }, now: string) {
  const { namespace, name, uid } = host.bmh.metadata;
  const consumer = host.bmh.spec?.consumerRef;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { generateName: `${step.reason.toLowerCase()}-`, namespace },
    involvedObject: { apiVersion: BMH_API_VERSION, kind: 'BareMetalHost', name, namespace, uid },
    ...(consumer ? { related: consumer } : {}),
    reason: step.reason,
    message: step.message,
    type: 'Normal',
    source: { component: 'metal3-baremetal-controller' },
    reportingComponent: 'metal3.io/baremetal-controller',
    reportingInstance: '',
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
  };
}
