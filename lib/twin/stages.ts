/**
 * BMO's lifecycle with the fixture provisioner, as data: each stage says when it applies, which
 * delay of the profile comes first, and what it writes. Stages chain the way KWOK's do: the
 * next stage matches what the previous one wrote. The first stage that matches a host wins.
 * Transitions and strings follow notes/metal3.md §4 (host_state_machine.go).
 */
import type { ErrorType } from '../bmh/states';
import { ANNOTATIONS, BMH_FINALIZER, type BareMetalHostStatus } from '../bmh/types';
import { FIXTURE_HARDWARE, FIXTURE_PROVISIONING_ID, hardwareProfileFor } from './fixture';
import {
  annotation,
  beginOperation,
  desiredPower,
  endOperation,
  hasBmcDetails,
  hasFinalizer,
  inError,
  inspectionDisabled,
  isDeleting,
  isDetached,
  needsProvisioning,
  provisioningCancelled,
  rebootRequested,
  stateOf,
  statusOf,
  wantsDetach,
  type TwinHost,
  type World,
} from './host';
import type { FailureStage, TimingKey } from './profiles';

/** Top-level status fields to set; `null` removes an `omitempty` field such as errorType. */
export type StatusChanges = { [K in keyof BareMetalHostStatus]?: BareMetalHostStatus[K] | null };

export type Step =
  /** Sets these top-level status fields (conditions and lastUpdated are added by the reconciler). */
  | { kind: 'status'; set: StatusChanges }
  /** A merge patch of metadata or spec, guarded by the host's resourceVersion. */
  | { kind: 'object'; patch: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } }
  | { kind: 'secret'; op: 'claim' | 'release'; name: string }
  | { kind: 'hardwareData'; op: 'create' | 'release' }
  | { kind: 'event'; reason: string; message: string; type?: 'Normal' | 'Warning' };

export interface StageContext {
  now: string;
  world: World;
}

export interface Failure {
  key: FailureStage;
  errorType: ErrorType;
  reason: string;
  message: string;
  /** Where BMO goes after this failure (provisioning failures deprovision). */
  then?: (h: TwinHost, now: string) => StatusChanges;
}

export interface Stage {
  name: string;
  delay: TimingKey | 'none' | 'backoff';
  failure?: Failure;
  when: (h: TwinHost, world: World) => boolean;
  act: (h: TwinHost, ctx: StageContext) => Step[];
}

const MAX_PROVISIONING_RETRIES = 5;
const CREDENTIALS_STATES = new Set([
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
]);
const POWER_STATES = new Set(['available', 'ready', 'provisioned', 'externally provisioned']);
const DETACHABLE_STATES = new Set(['provisioned', 'externally provisioned', 'ready', 'available']);

const status = (set: StatusChanges): Step => ({ kind: 'status', set });
const event = (reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): Step => ({ kind: 'event', reason, message, type });
const provisioning = (h: TwinHost, patch: NonNullable<BareMetalHostStatus['provisioning']>) => ({
  ID: '',
  ...statusOf(h).provisioning,
  ...patch,
});
const toState = (h: TwinHost, state: string, extra: StatusChanges = {}): StatusChanges => ({
  provisioning: provisioning(h, { state, ...extra.provisioning }),
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'provisioning')),
});
const clearError = (h: TwinHost): StatusChanges => ({
  operationalStatus: 'OK',
  errorType: null,
  errorMessage: '',
  errorCount: statusOf(h).errorCount ?? 0,
});
const state = (...states: string[]) => (h: TwinHost) => states.includes(stateOf(h));
const secretName = (h: TwinHost) => h.bmh.spec?.bmc?.credentialsName ?? '';
const desiredHints = (h: TwinHost) => h.bmh.spec?.rootDeviceHints ?? hardwareProfileFor(h.bmh.spec?.bmc?.address).rootDeviceHints;

/** BMO's messages for BMC credential problems (credentialsErrorResult); undefined when the credentials are usable. */
export function credentialsProblem(h: TwinHost, world: World): { message: string; retry: boolean } | undefined {
  const bmc = h.bmh.spec?.bmc;
  if (!bmc?.address) return { message: "Empty BMC address Missing BMC connection detail 'Address'", retry: false };
  if (!bmc.credentialsName) return { message: "Empty BMC secret name Missing BMC connection detail 'CredentialsName'", retry: false };
  const secret = world.secret(h.bmh.metadata.namespace, bmc.credentialsName);
  if (!secret) {
    return {
      message: `BMC CredentialsName secret doesn't exist The BMC secret ${h.bmh.metadata.namespace}/${bmc.credentialsName} does not exist`,
      retry: true,
    };
  }
  if (!secret.hasUsername) return { message: "Missing BMC connection detail 'username' in credentials", retry: false };
  if (!secret.hasPassword) return { message: "Missing BMC connection details 'password' in credentials", retry: false };
  return undefined;
}

function credentialsFailure(h: TwinHost, message: string): Step[] {
  return [
    status({ operationalStatus: 'error', errorType: 'registration error', errorMessage: message, errorCount: (statusOf(h).errorCount ?? 0) + 1 }),
    event('BMCCredentialError', message, 'Warning'),
  ];
}

function credentialsRef(h: TwinHost, world: World) {
  const name = secretName(h);
  const version = world.secret(h.bmh.metadata.namespace, name)?.resourceVersion ?? '';
  return { credentials: { name, namespace: h.bmh.metadata.namespace }, credentialsVersion: version };
}

/** The lifecycle stages, in priority order. */
export const STAGES: readonly Stage[] = [
  {
    name: 'restore-status-annotation',
    delay: 'none',
    when: (h) => annotation(h, ANNOTATIONS.status) !== undefined,
    act: (h) => {
      const steps: Step[] = [{ kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.status]: null } } } }];
      if (!stateOf(h)) {
        try {
          steps.unshift(status(JSON.parse(annotation(h, ANNOTATIONS.status)!) as BareMetalHostStatus));
        } catch {
          steps.push(event('InvalidAnnotationValue', 'the status annotation is not valid JSON', 'Warning'));
        }
      }
      return steps;
    },
  },
  {
    name: 'add-finalizer',
    delay: 'none',
    when: (h) => !isDeleting(h) && !hasFinalizer(h),
    act: (h) => [{ kind: 'object', patch: { metadata: { finalizers: [...(h.bmh.metadata.finalizers ?? []), BMH_FINALIZER] } } }],
  },

  // ---- delete flows (checkInitiateDelete) ----
  {
    name: 'delete-detached',
    delay: 'none',
    when: (h) => isDeleting(h) && stateOf(h) !== 'deleting' && isDetached(h) && wantsDetach(h).deleteAction !== 'delay',
    act: (h) => [status(toState(h, 'deleting'))],
  },
  {
    name: 'delete-unregistered',
    delay: 'none',
    when: (h) => isDeleting(h) && ['', 'unmanaged', 'registering'].includes(stateOf(h)),
    act: (h) => [status(toState(h, 'deleting'))],
  },
  {
    name: 'delete-deprovision',
    delay: 'none',
    when: (h) => isDeleting(h) && state('provisioning', 'provisioned')(h),
    act: (h, { now }) => [
      status(toState(h, 'deprovisioning', { operationHistory: beginOperation(h, 'deprovision', now) })),
      event('DeprovisionStarted', 'Image deprovisioning started'),
    ],
  },
  {
    name: 'delete-power-off',
    delay: 'none',
    when: (h) => isDeleting(h) && state('inspecting', 'preparing', 'available', 'ready', 'externally provisioned', 'match profile')(h),
    act: (h) => [status(toState(h, 'powering off before delete'))],
  },
  {
    name: 'powering-off-before-delete',
    delay: 'power',
    when: state('powering off before delete'),
    act: (h) => [
      status(toState(h, 'deleting', { poweredOn: false })),
      ...(statusOf(h).poweredOn ? [event('PowerOff', 'Host powered off')] : []),
    ],
  },
  {
    name: 'deleting',
    delay: 'delete',
    when: (h) => stateOf(h) === 'deleting' && hasFinalizer(h),
    act: (h) => [
      ...(secretName(h) ? [{ kind: 'secret', op: 'release', name: secretName(h) } as Step] : []),
      { kind: 'hardwareData', op: 'release' },
      { kind: 'object', patch: { metadata: { finalizers: (h.bmh.metadata.finalizers ?? []).filter((f) => f !== BMH_FINALIZER) } } },
    ],
  },

  // ---- detach (checkDetachedHost) ----
  {
    name: 'reattach',
    delay: 'none',
    when: (h) => isDetached(h) && !wantsDetach(h).wanted,
    act: (h) => [status({ ...clearError(h) })],
  },
  {
    name: 'detach',
    delay: 'none',
    when: (h) => !isDeleting(h) && !isDetached(h) && wantsDetach(h).wanted && (DETACHABLE_STATES.has(stateOf(h)) || wantsDetach(h).force),
    act: () => [status({ operationalStatus: 'detached' })],
  },

  // ---- a new host ----
  {
    name: 'start-registering',
    delay: 'none',
    when: (h) => !isDetached(h) && state('', 'unmanaged')(h) && hasBmcDetails(h),
    act: (h, { now }) => [
      status({
        provisioning: { state: 'registering', ID: statusOf(h).provisioning?.ID ?? '', image: { url: '' } },
        operationalStatus: statusOf(h).operationalStatus === 'discovered' ? '' : (statusOf(h).operationalStatus ?? ''),
        errorMessage: '',
        errorCount: statusOf(h).errorCount ?? 0,
        poweredOn: statusOf(h).poweredOn ?? false,
        provisioningFailCount: 0,
        hardwareProfile: '',
        operationHistory: beginOperation(h, 'register', now),
      }),
    ],
  },
  {
    name: 'discover-unmanaged',
    delay: 'none',
    when: (h) => stateOf(h) === '' && !hasBmcDetails(h),
    act: () => [
      status({
        provisioning: { state: 'unmanaged', ID: '', image: { url: '' } },
        operationalStatus: 'discovered',
        errorMessage: '',
        errorCount: 0,
        poweredOn: false,
        provisioningFailCount: 0,
      }),
      event('Discovered', 'Discovered host without BMC details'),
    ],
  },

  // ---- BMC credentials (buildAndValidateBMCCredentials) ----
  {
    name: 'credentials-missing-secret',
    delay: 'none',
    when: (h, world) => {
      const problem = !isDeleting(h) && !isDetached(h) && CREDENTIALS_STATES.has(stateOf(h)) ? credentialsProblem(h, world) : undefined;
      return problem?.retry === true && statusOf(h).errorMessage !== problem.message;
    },
    act: (h, { world }) => credentialsFailure(h, credentialsProblem(h, world)!.message),
  },
  {
    name: 'credentials-missing-secret-retry',
    delay: 'credentialsRetry',
    when: (h, world) => {
      const problem = !isDeleting(h) && !isDetached(h) && CREDENTIALS_STATES.has(stateOf(h)) ? credentialsProblem(h, world) : undefined;
      return problem?.retry === true && statusOf(h).errorMessage === problem.message;
    },
    act: (h, { world }) => credentialsFailure(h, credentialsProblem(h, world)!.message),
  },
  {
    name: 'credentials-invalid',
    delay: 'none',
    when: (h, world) => {
      const problem = !isDeleting(h) && !isDetached(h) && CREDENTIALS_STATES.has(stateOf(h)) ? credentialsProblem(h, world) : undefined;
      return problem?.retry === false && statusOf(h).errorMessage !== problem.message;
    },
    act: (h, { world }) => credentialsFailure(h, credentialsProblem(h, world)!.message),
  },
  {
    // Credentials problems wait for a spec or Secret change; nothing else may run meanwhile.
    name: 'credentials-wait',
    delay: 'none',
    when: (h, world) => !isDeleting(h) && !isDetached(h) && CREDENTIALS_STATES.has(stateOf(h)) && credentialsProblem(h, world) !== undefined,
    act: () => [],
  },
  {
    name: 'credentials-recovered',
    delay: 'none',
    when: (h) => inError(h) && statusOf(h).errorType === 'registration error' && !isDeleting(h),
    act: (h) => [status(clearError(h))],
  },

  // ---- registering → inspecting → preparing → available ----
  {
    name: 'registered',
    delay: 'register',
    failure: { key: 'register', errorType: 'registration error', reason: 'RegistrationError', message: 'Failed to register the host with the provisioner (injected fault)' },
    when: (h) => stateOf(h) === 'registering' && !inError(h) && !isDetached(h),
    act: (h, { now, world }) => {
      const profile = hardwareProfileFor(h.bmh.spec?.bmc?.address);
      const next = h.bmh.spec?.externallyProvisioned ? 'externally provisioned' : inspectionDisabled(h) ? 'preparing' : 'inspecting';
      const history = endOperation(h, 'register', now);
      const creds = credentialsRef(h, world);
      return [
        { kind: 'secret', op: 'claim', name: secretName(h) },
        status({
          provisioning: provisioning(h, {
            state: next,
            ID: FIXTURE_PROVISIONING_ID,
            bootMode: h.bmh.spec?.bootMode ?? 'UEFI',
            rootDeviceHints: desiredHints(h),
          }),
          ...clearError(h),
          errorCount: 0,
          hardwareProfile: profile.name,
          goodCredentials: creds,
          triedCredentials: creds,
          operationHistory: next === 'inspecting' ? { ...history, inspect: { start: now, end: null } } : history,
        }),
        event('Registered', 'Registered new host'),
        event('BMCAccessValidated', 'Verified access to BMC'),
        event('ProfileSet', `Hardware profile set: ${profile.name}`),
        ...(next === 'preparing' ? [event('InspectionSkipped', 'Hardware inspection skipped')] : []),
      ];
    },
  },
  {
    name: 'inspected',
    delay: 'inspect',
    failure: { key: 'inspect', errorType: 'inspection error', reason: 'InspectionError', message: 'Failed to inspect hardware (injected fault)' },
    when: (h) => stateOf(h) === 'inspecting' && !inError(h) && !isDetached(h),
    act: (h, { now }) => [
      status(toState(h, 'preparing', { hardware: FIXTURE_HARDWARE, operationHistory: endOperation(h, 'inspect', now), errorCount: 0 })),
      { kind: 'hardwareData', op: 'create' },
      ...(h.bmh.spec?.architecture ? [] : [{ kind: 'object', patch: { spec: { architecture: FIXTURE_HARDWARE.cpu.arch } } } as Step]),
      event('InspectionComplete', 'Hardware inspection completed'),
    ],
  },
  {
    name: 'match-profile',
    delay: 'none',
    when: state('match profile'),
    act: (h) => [status(toState(h, 'preparing'))],
  },
  {
    name: 'prepared',
    delay: 'prepare',
    failure: { key: 'prepare', errorType: 'preparation error', reason: 'PreparationError', message: 'Failed to prepare the host (injected fault)' },
    when: (h) => stateOf(h) === 'preparing' && !inError(h) && !isDetached(h) && !isDeleting(h),
    act: (h) => [status({ provisioning: provisioning(h, { state: 'available', rootDeviceHints: desiredHints(h) }), errorCount: 0 })],
  },

  // ---- available ----
  {
    name: 'available-to-externally-provisioned',
    delay: 'none',
    when: (h) => state('available', 'ready')(h) && !isDetached(h) && !isDeleting(h) && h.bmh.spec?.externallyProvisioned === true,
    act: (h) => [status(toState(h, 'externally provisioned'))],
  },
  {
    name: 'reinspect',
    delay: 'none',
    when: (h) => state('available', 'ready')(h) && !isDetached(h) && !isDeleting(h) && annotation(h, ANNOTATIONS.inspect) !== undefined && annotation(h, ANNOTATIONS.inspect) !== 'disabled',
    act: (h, { now }) => [
      { kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.inspect]: null } } } },
      status(toState(h, 'inspecting', { operationHistory: beginOperation(h, 'inspect', now) })),
    ],
  },
  {
    name: 'settings-changed',
    delay: 'none',
    when: (h) =>
      state('available', 'ready')(h) && !isDetached(h) && !isDeleting(h) && JSON.stringify(desiredHints(h)) !== JSON.stringify(statusOf(h).provisioning?.rootDeviceHints ?? {}),
    act: (h) => [status(toState(h, 'preparing'))],
  },
  {
    name: 'start-provisioning',
    delay: 'none',
    when: (h) =>
      state('available', 'ready')(h) &&
      !isDetached(h) &&
      !isDeleting(h) &&
      !inError(h) &&
      needsProvisioning(h) &&
      (statusOf(h).provisioningFailCount ?? 0) < MAX_PROVISIONING_RETRIES,
    act: (h, { now }) => [
      status({
        ...toState(h, 'provisioning', { operationHistory: beginOperation(h, 'provision', now) }),
        lastAttemptedImage: h.bmh.spec?.image ?? { url: '' },
      } as StatusChanges),
    ],
  },

  // ---- provisioning ----
  {
    name: 'provisioning-cancelled',
    delay: 'none',
    when: (h) => stateOf(h) === 'provisioning' && !isDetached(h) && (h.bmh.spec?.image?.url ?? '') !== ((statusOf(h) as { lastAttemptedImage?: { url?: string } }).lastAttemptedImage?.url ?? ''),
    act: (h, { now }) => [
      status(toState(h, 'deprovisioning', { operationHistory: beginOperation(h, 'deprovision', now) })),
      event('DeprovisionStarted', 'Image deprovisioning started'),
    ],
  },
  {
    name: 'provisioned',
    delay: 'provision',
    failure: {
      key: 'provision',
      errorType: 'provisioning error',
      reason: 'ProvisioningError',
      message: 'Image provisioning failed (injected fault)',
      then: (h, now) => ({
        provisioning: provisioning(h, { state: 'deprovisioning' }),
        provisioningFailCount: (statusOf(h).provisioningFailCount ?? 0) + 1,
        operationHistory: beginOperation(h, 'deprovision', now),
      }),
    },
    when: (h) => stateOf(h) === 'provisioning' && !inError(h) && !isDetached(h),
    act: (h, { now }) => [
      status(
        toState(h, 'provisioned', {
          provisioning: { state: 'provisioned', image: h.bmh.spec?.image ?? { url: '' }, ...(h.bmh.spec?.customDeploy ? { customDeploy: h.bmh.spec.customDeploy } : {}) },
          operationHistory: endOperation(h, 'provision', now),
          errorCount: 0,
          provisioningFailCount: 0,
        }),
      ),
      event('ProvisioningComplete', `Image provisioning completed for ${h.bmh.spec?.image?.url ?? h.bmh.spec?.customDeploy?.method ?? ''}`),
    ],
  },
  {
    name: 'provisioned-cancelled',
    delay: 'none',
    when: (h) => stateOf(h) === 'provisioned' && !isDetached(h) && provisioningCancelled(h),
    act: (h, { now }) => [
      status(toState(h, 'deprovisioning', { operationHistory: beginOperation(h, 'deprovision', now) })),
      event('DeprovisionStarted', 'Image deprovisioning started'),
    ],
  },
  {
    name: 'deprovisioned',
    delay: 'deprovision',
    failure: { key: 'deprovision', errorType: 'provisioning error', reason: 'ProvisioningError', message: 'Image deprovisioning failed (injected fault)' },
    when: (h) => stateOf(h) === 'deprovisioning' && (!inError(h) || statusOf(h).errorType === 'provisioning error' || isDeleting(h)) && !isDetached(h),
    act: (h, { now }) => [
      status(
        toState(h, isDeleting(h) ? 'powering off before delete' : 'available', {
          provisioning: { state: isDeleting(h) ? 'powering off before delete' : 'available', image: { url: '' }, customDeploy: undefined },
          operationHistory: endOperation(h, 'deprovision', now),
          ...(statusOf(h).errorType === 'provisioning error' ? {} : { errorCount: 0 }),
        }),
      ),
      event('DeprovisionComplete', 'Image deprovisioning completed'),
    ],
  },
  {
    name: 'externally-provisioned-to-provisioned',
    delay: 'none',
    when: (h) => stateOf(h) === 'externally provisioned' && !isDetached(h) && !isDeleting(h) && h.bmh.spec?.externallyProvisioned !== true,
    act: (h) => [status(toState(h, 'provisioned', { provisioning: { state: 'provisioned', image: h.bmh.spec?.image ?? { url: '' } } }))],
  },

  // ---- power (manageHostPower) ----
  {
    name: 'power',
    delay: 'power',
    failure: { key: 'power', errorType: 'power management error', reason: 'PowerManagementError', message: 'Failed to change the power state (injected fault)' },
    when: (h) => POWER_STATES.has(stateOf(h)) && !isDetached(h) && !isDeleting(h) && !inError(h) && (statusOf(h).poweredOn ?? false) !== desiredPower(h),
    act: (h) => {
      const on = desiredPower(h);
      const steps: Step[] = [status({ poweredOn: on, errorCount: 0 }), event(on ? 'PowerOn' : 'PowerOff', on ? 'Host powered on' : 'Host powered off')];
      // The suffix-less reboot annotation is removed once the host is off; suffixed ones hold it off.
      if (!on && annotation(h, ANNOTATIONS.reboot) !== undefined) {
        steps.push({ kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.reboot]: null } } } });
      }
      return steps;
    },
  },
  {
    name: 'reboot-annotation-cleanup',
    delay: 'none',
    when: (h) => POWER_STATES.has(stateOf(h)) && !isDeleting(h) && annotation(h, ANNOTATIONS.reboot) !== undefined && !statusOf(h).poweredOn && rebootRequested(h),
    act: () => [{ kind: 'object', patch: { metadata: { annotations: { [ANNOTATIONS.reboot]: null } } } }],
  },

  // ---- retry after an injected failure (actionFailed: 2^n minutes backoff) ----
  {
    name: 'retry-after-error',
    delay: 'backoff',
    when: (h) =>
      inError(h) &&
      !isDeleting(h) &&
      ['inspection error', 'preparation error', 'power management error'].includes(statusOf(h).errorType ?? ''),
    act: (h) => [status(clearError(h))],
  },
  {
    name: 'retry-provisioning-after-error',
    delay: 'backoff',
    when: (h) =>
      inError(h) &&
      !isDeleting(h) &&
      state('available', 'ready')(h) &&
      statusOf(h).errorType === 'provisioning error' &&
      (statusOf(h).provisioningFailCount ?? 0) < MAX_PROVISIONING_RETRIES,
    act: (h) => [status(clearError(h))],
  },
];

/** The first stage that applies to the host, if any. A paused host gets none. */
export function matchStage(h: TwinHost, world: World, stages: readonly Stage[] = STAGES): Stage | undefined {
  if (annotation(h, ANNOTATIONS.paused) !== undefined) return undefined;
  return stages.find((stage) => stage.when(h, world));
}

/** The steps a failed stage writes instead of its own: BMO's setErrorMessage, plus a Warning event. */
export function failureSteps(h: TwinHost, failure: Failure, now: string): Step[] {
  const then = failure.then?.(h, now) ?? {};
  return [
    status({
      ...then,
      operationalStatus: 'error',
      errorType: failure.errorType,
      errorMessage: failure.message,
      errorCount: (statusOf(h).errorCount ?? 0) + 1,
    }),
    event(failure.reason, failure.message, 'Warning'),
  ];
}
