/**
 * What a stage is (KWOK's model: when it applies, how long the host waits, what it writes) and
 * the small builders stages share. The engine and the reconciler know stages only through
 * these fields, never by name.
 */
import type { ErrorType } from '../bmh/states';
import type { BareMetalHostStatus } from '../bmh/types';
import { operationHistory, statusOf, stateOf, type TwinHost, type World } from './host';
import type { Operation } from '../bmh/types';
import type { FailureStage, TimingKey } from './profiles';

/** Top-level status fields to set; `null` removes an `omitempty` field such as errorType. */
export type StatusChanges = { [K in keyof BareMetalHostStatus]?: BareMetalHostStatus[K] | null };

export type Step =
  /** Sets these top-level status fields (conditions and lastUpdated are added by the writer). */
  | { kind: 'status'; set: StatusChanges }
  /** A merge patch of metadata or spec, guarded by the host's resourceVersion. */
  | { kind: 'object'; patch: { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } }
  | { kind: 'secret'; op: 'claim' | 'release'; name: string }
  | { kind: 'hardwareData'; op: 'create' | 'release' }
  | { kind: 'event'; reason: string; message: string };

export interface StageContext {
  now: string;
  world: World;
}

export interface Failure {
  key: FailureStage;
  errorType: ErrorType;
  reason: string;
  message: string;
  /** Status fields the failure sets besides the error (e.g. ending an operation). */
  then?: (h: TwinHost, now: string) => StatusChanges;
}

/**
 * BMO test mode's one fixture (main.go:410 makes a single `&fixture.Fixture{}` for all hosts), for
 * the `sharedFixture` quirk: these flags are global and set when an operation *starts*.
 */
export interface SharedFixture {
  /** fixture.go:173,232: only the first InspectHardware in the process waits. */
  inspectionStarted: boolean;
  /** fixture.go:297-303, :321-327: the image slot; Provision waits only when it was empty. */
  image: boolean;
  /** fixture.go:288-295, :329-335: the customDeploy slot. */
  customDeploy: boolean;
  /** fixture.go:371, :393: one PoweredOn for every host. */
  poweredOn: boolean;
  /** fixture.go:347: only the first Delete or Detach in the process is Dirty. */
  deleted: boolean;
}

export const FRESH_FIXTURE: SharedFixture = { inspectionStarted: false, image: false, customDeploy: false, poweredOn: false, deleted: false };

export interface Stage {
  name: string;
  /** The profile delay the host waits before `act`: the fixture's RequeueAfter. */
  delay: TimingKey | 'none' | 'backoff';
  failure?: Failure;
  when: (h: TwinHost, world: World) => boolean;
  act: (h: TwinHost, ctx: StageContext) => Step[];
  /**
   * With the shared fixture: whether this host waits the delay, and the fixture after the
   * operation started. Stages without it ignore the shared fixture.
   */
  shared?: (fixture: SharedFixture, h: TwinHost) => { wait: boolean; next: SharedFixture };
  /** Bookkeeping (a finalizer, a claim) rather than a lifecycle transition, for the stats. */
  bookkeeping?: boolean;
}

export const status = (set: StatusChanges): Step => ({ kind: 'status', set });
/** BMO's events are all type Normal (baremetalhost_types.go:1156), so a step has no type. */
export const event = (reason: string, message: string): Step => ({ kind: 'event', reason, message });
export const removeAnnotation = (key: string): Step => ({ kind: 'object', patch: { metadata: { annotations: { [key]: null } } } });

export const provisioning = (h: TwinHost, patch: NonNullable<BareMetalHostStatus['provisioning']>) => ({
  ID: '',
  ...statusOf(h).provisioning,
  ...patch,
});

/** Moves to `state`; `extra.provisioning` merges into the provisioning block. */
export const toState = (h: TwinHost, state: string, extra: StatusChanges = {}): StatusChanges => ({
  provisioning: provisioning(h, { state, ...extra.provisioning }),
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'provisioning')),
});

const BOOT_MODE_STATES = new Set(['registering', 'inspecting', 'provisioning']);
const OPERATION_OF: Record<string, Operation> = { registering: 'register', inspecting: 'inspect', provisioning: 'provision', deprovisioning: 'deprovision' };

/**
 * Moves to `state` and keeps operationHistory as BMO does on every state change
 * (hsm:64-86 recordStateBegin, hsm:121 recordStateEnd): the operation of the state left ends,
 * the one of the state entered begins, whatever the reason (done, cancelled, failed, deleted).
 */
export function moveTo(h: TwinHost, state: string, now: string, extra: StatusChanges = {}): StatusChanges {
  const from = stateOf(h);
  if (from === state) return toState(h, state, extra);
  const history = operationHistory(h);
  const left = OPERATION_OF[from];
  const entered = OPERATION_OF[state];
  if (left && history[left].start && !history[left].end) history[left] = { start: history[left].start, end: now };
  if (entered) history[entered] = { start: now, end: null };
  // hsm:132-145: the boot mode is saved on entering registering, inspecting and provisioning.
  const bootMode = BOOT_MODE_STATES.has(state) ? { bootMode: h.bmh.spec?.bootMode ?? 'UEFI' } : {};
  return toState(h, state, { ...extra, provisioning: { ...bootMode, ...extra.provisioning }, operationHistory: history });
}

/** BMO's clearError (ctrl:512): operationalStatus OK, no error type or message. */
export const clearError = (h: TwinHost): StatusChanges => ({
  operationalStatus: 'OK',
  errorType: null,
  errorMessage: '',
  errorCount: statusOf(h).errorCount ?? 0,
});

/** BMO's recordActionFailure (action_result.go): error fields, errorCount + 1. */
export const setError = (h: TwinHost, errorType: ErrorType, message: string): StatusChanges => ({
  operationalStatus: 'error',
  errorType,
  errorMessage: message,
  errorCount: (statusOf(h).errorCount ?? 0) + 1,
});

export const inState =
  (...states: string[]) =>
  (h: TwinHost) =>
    states.includes(stateOf(h));
