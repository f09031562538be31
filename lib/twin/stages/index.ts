/**
 * BMO's lifecycle with the fixture provisioner, as data. Stages are grouped in phases, in the
 * order BMO's Reconcile runs them (ctrl:121-290, then the state machine's ReconcileState,
 * hsm:178-212). The order between phases is the only order there is: within a phase at most
 * one stage applies to any host (stages.test.ts checks this over random hosts), so a stage
 * says when it applies and what it writes, and moving it inside its phase changes nothing.
 */
import { ANNOTATIONS } from '../../bmh/types';
import { annotation, type TwinHost, type World } from '../host';
import { setError, event, status, type Failure, type Stage, type Step } from '../stage';
import { AVAILABLE_STAGES } from './available';
import { DELETE_STAGES } from './delete';
import { DETACH_STAGES } from './detach';
import { METADATA_STAGES } from './metadata';
import { POWER_STAGES, RETRY_STAGES } from './power';
import { PREPARATION_STAGES } from './preparation';
import { PROVISIONING_STAGES } from './provisioning';
import { CREDENTIALS_STAGES, NEW_HOST_STAGES, REGISTRATION_STAGES, SECRET_STAGES } from './registration';

export interface Phase {
  name: string;
  /** Where upstream does this, and why it comes here. */
  upstream: string;
  stages: readonly Stage[];
}

const [restoreStatus, invalidStatus, hardwareDetails, addFinalizer] = METADATA_STAGES;

export const PHASES: readonly Phase[] = [
  { name: 'status annotation', upstream: 'reconcileHostData, ctrl:156 (ctrl:2720-2760)', stages: [restoreStatus!, invalidStatus!] },
  { name: 'hardware details', upstream: 'updateHardwareDetails, ctrl:164', stages: [hardwareDetails!] },
  { name: 'finalizer', upstream: 'ctrl:177-190', stages: [addFinalizer!] },
  { name: 'secret', upstream: 'AcquireSecret before validating the credentials, ctrl:198-214 / ctrl:2544', stages: SECRET_STAGES },
  { name: 'credentials', upstream: 'buildAndValidateBMCCredentials, ctrl:197-214, :397-433', stages: CREDENTIALS_STAGES },
  { name: 'delete', upstream: 'checkInitiateDelete, hsm:191 (hsm:224-275); handlers hsm:632-665', stages: DELETE_STAGES },
  { name: 'detach', upstream: 'checkDetachedHost, hsm:196 (hsm:300-343)', stages: DETACH_STAGES },
  { name: 'new host', upstream: 'handleNone / handleUnmanaged, hsm:388-407', stages: NEW_HOST_STAGES },
  { name: 'registration', upstream: 'ensureRegistered, hsm:200 (hsm:345-385); handleRegistering hsm:409', stages: REGISTRATION_STAGES },
  { name: 'inspection and preparation', upstream: 'hsm:425-468', stages: PREPARATION_STAGES },
  { name: 'available', upstream: 'handleAvailable, hsm:470-519', stages: AVAILABLE_STAGES },
  { name: 'provisioning', upstream: 'hsm:441-459, hsm:559-630', stages: PROVISIONING_STAGES },
  { name: 'power', upstream: 'manageHostPower, ctrl:1681-1800', stages: POWER_STAGES },
  { name: 'retry', upstream: 'actionFailed backoff, action_result.go:128-151', stages: RETRY_STAGES },
];

/** Every stage, in phase order. */
export const STAGES: readonly Stage[] = PHASES.flatMap((p) => p.stages);

/** The first stage that applies to the host, if any. A paused host gets none (ctrl:147-154). */
export function matchStage(h: TwinHost, world: World, stages: readonly Stage[] = STAGES): Stage | undefined {
  if (annotation(h, ANNOTATIONS.paused) !== undefined) return undefined;
  return stages.find((stage) => stage.when(h, world));
}

/** The steps a failed stage writes instead of its own: BMO's recordActionFailure, and an event with the failure's reason. */
export function failureSteps(h: TwinHost, failure: Failure, now: string): Step[] {
  return [status({ ...(failure.then?.(h, now) ?? {}), ...setError(h, failure.errorType, failure.message) }), event(failure.reason, failure.message)];
}

export type { Stage, Step, StatusChanges, StageContext, Failure, SharedFixture } from '../stage';
export { credentialsProblem } from './registration';
