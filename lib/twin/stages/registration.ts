/**
 * A new host, its BMC credentials and its registration: handleNone (hsm:388-399),
 * buildAndValidateBMCCredentials (ctrl:2605-2627), claimSecret (secret_manager.go:66-115),
 * ensureRegistered (hsm:345-385) and registerHost (ctrl:893-1080).
 */
import { PROVISIONING_STATES } from '../../bmh/states';
import { FIXTURE_PROVISIONING_ID, HARDWARE_PROFILES, hardwareProfileName, unknownProfileError } from '../fixture';
import { hasBmcDetails, healthy, inError, inspectionDisabled, isDeleting, isDetached, managed, statusOf, stateOf, type TwinHost, type World } from '../host';
import { clearError, event, inState, moveTo, provisioning, setError, status, type Stage, type Step } from '../stage';

/**
 * States whose reconcile validates the BMC credentials first (ctrl:198-214: all but none and
 * unmanaged). While a host is being deleted a credentials error falls back to empty credentials
 * (ctrl:203-207), so the two deletion states never stop on one.
 */
const CREDENTIALS_STATES = new Set<string>(PROVISIONING_STATES.filter((s) => !['unmanaged', 'powering off before delete', 'deleting'].includes(s)));
/** States in which ensureRegistered re-registers on new credentials (hsm:353-372). */
const REREGISTER_STATES = new Set(['inspecting', 'preparing', 'ready', 'available', 'provisioning', 'provisioned', 'externally provisioned', 'deprovisioning']);

const secretName = (h: TwinHost) => h.bmh.spec?.bmc?.credentialsName ?? '';
const checksCredentials = (h: TwinHost) => managed(h) && CREDENTIALS_STATES.has(stateOf(h));

/**
 * BMO's messages for BMC credential problems, in its order (ctrl:2605-2627, errors.go:13-34,
 * pkg/hardwareutils/bmc/errors.go:26); `retry` = requeued after 10 s (ctrl:405-411).
 */
export function credentialsProblem(h: TwinHost, world: World): { message: string; retry: boolean } | undefined {
  const bmc = h.bmh.spec?.bmc;
  if (!bmc?.credentialsName) return { message: 'No BMC CredentialsName defined The BMC secret reference is empty', retry: false };
  const secret = world.secret(h.bmh.metadata.namespace, bmc.credentialsName);
  if (!secret) {
    return {
      message: `BMC CredentialsName secret doesn't exist The BMC secret ${h.bmh.metadata.namespace}/${bmc.credentialsName} does not exist`,
      retry: true,
    };
  }
  if (!bmc.address) return { message: "Empty BMC address Missing BMC connection detail 'Address'", retry: false };
  if (!secret.hasUsername) return { message: "Validation error with BMC credentials: Missing BMC connection detail 'username' in credentials", retry: false };
  if (!secret.hasPassword) return { message: "Validation error with BMC credentials: Missing BMC connection details 'password' in credentials", retry: false };
  return undefined;
}

const CREDENTIAL_PREFIXES = [
  'No BMC CredentialsName defined',
  "BMC CredentialsName secret doesn't exist",
  'Empty BMC address',
  'Validation error with BMC credentials',
];
const isCredentialsError = (h: TwinHost) =>
  statusOf(h).errorType === 'registration error' && CREDENTIAL_PREFIXES.some((p) => (statusOf(h).errorMessage ?? '').startsWith(p));

const problemOf = (h: TwinHost, world: World) => (checksCredentials(h) ? credentialsProblem(h, world) : undefined);
const credentialsFailure = (h: TwinHost, world: World): Step[] => {
  const { message } = credentialsProblem(h, world)!;
  return [status(setError(h, 'registration error', message)), event('BMCCredentialError', message)];
};

function credentialsRef(h: TwinHost, world: World) {
  const name = secretName(h);
  const version = world.secret(h.bmh.metadata.namespace, name)?.resourceVersion ?? '';
  return { credentials: { name, namespace: h.bmh.metadata.namespace }, credentialsVersion: version };
}

/** A registration error that is not about credentials (hsm:409 registerHost → recordActionFailure). */
function registrationBlocker(h: TwinHost, world: World): string | undefined {
  const profileError = unknownProfileError(hardwareProfileName(h.bmh));
  if (profileError) return profileError;
  const nd = h.bmh.spec?.preprovisioningNetworkDataName;
  if (nd && !world.secret(h.bmh.metadata.namespace, nd)) return `failed to read preprovisioningNetworkData: secrets "${nd}" not found`;
  return undefined;
}

/** handleNone (hsm:388-399) and handleUnmanaged (hsm:401-407). */
export const NEW_HOST_STAGES: readonly Stage[] = [
  {
    name: 'start-registering',
    delay: 'none',
    when: (h) => !isDetached(h) && inState('', 'unmanaged')(h) && hasBmcDetails(h),
    act: (h, { now }) => [
      status({
        ...moveTo(h, 'registering', now, { provisioning: { state: 'registering', ID: statusOf(h).provisioning?.ID ?? '', image: { url: '' } } }),
        operationalStatus: statusOf(h).operationalStatus === 'discovered' ? '' : (statusOf(h).operationalStatus ?? ''),
        errorMessage: '',
        errorCount: statusOf(h).errorCount ?? 0,
        poweredOn: statusOf(h).poweredOn ?? false,
        provisioningFailCount: 0,
        hardwareProfile: '',
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
      event('Discovered', 'Discovered host with no BMC details'),
    ],
  },
];

/** AcquireSecret on every reconcile (ctrl:2544), before the credentials are validated. */
export const SECRET_STAGES: readonly Stage[] = [
  {
    name: 'claim-secret',
    delay: 'none',
    bookkeeping: true,
    when: (h, world) => {
      const secret = checksCredentials(h) ? world.secret(h.bmh.metadata.namespace, secretName(h)) : undefined;
      return secret !== undefined && !(secret.claimed && secret.owners.includes(h.bmh.metadata.uid ?? ''));
    },
    act: (h) => [{ kind: 'secret', op: 'claim', name: secretName(h) }],
  },
];

/** Credentials problems and registration errors (ctrl:197-214, :397-433). */
export const CREDENTIALS_STAGES: readonly Stage[] = [
  {
    name: 'credentials-invalid',
    delay: 'none',
    when: (h, world) => {
      const problem = problemOf(h, world);
      return problem !== undefined && statusOf(h).errorMessage !== problem.message;
    },
    act: (h, { world }) => credentialsFailure(h, world),
  },
  {
    name: 'credentials-missing-secret-retry',
    delay: 'credentialsRetry',
    when: (h, world) => {
      const problem = problemOf(h, world);
      return problem?.retry === true && statusOf(h).errorMessage === problem.message;
    },
    act: (h, { world }) => credentialsFailure(h, world),
  },
  {
    // Other credentials problems wait for a spec or Secret change; nothing else may run meanwhile.
    name: 'credentials-wait',
    delay: 'none',
    when: (h, world) => {
      const problem = problemOf(h, world);
      return problem?.retry === false && statusOf(h).errorMessage === problem.message;
    },
    act: () => [],
  },
  {
    // A credentials error clears as soon as the credentials work (registerHost, ctrl:1071-1074).
    name: 'credentials-recovered',
    delay: 'none',
    when: (h, world) => inError(h) && isCredentialsError(h) && !isDeleting(h) && problemOf(h, world) === undefined,
    act: (h) => [status(clearError(h))],
  },
  {
    // Any other registration error is an actionFailed: retried after 2^n minutes (action_result.go:128-151).
    name: 'retry-registration-after-error',
    delay: 'backoff',
    when: (h, world) =>
      inError(h) && statusOf(h).errorType === 'registration error' && !isCredentialsError(h) && !isDeleting(h) && problemOf(h, world) === undefined,
    act: (h) => [status(clearError(h))],
  },
];

/** registerHost's outcome in the registering state (hsm:409-423), and re-registration elsewhere. */
export const REGISTRATION_STAGES: readonly Stage[] = [
  {
    name: 'registration-blocked',
    delay: 'none',
    when: (h, world) => stateOf(h) === 'registering' && healthy(h) && registrationBlocker(h, world) !== undefined,
    act: (h, { world }) => {
      const message = registrationBlocker(h, world)!;
      return [status(setError(h, 'registration error', message)), event('RegistrationError', message)];
    },
  },
  {
    name: 'registered',
    delay: 'register',
    failure: {
      key: 'register',
      errorType: 'registration error',
      reason: 'RegistrationError',
      message: 'Failed to register the host with the provisioner (injected fault)',
    },
    when: (h, world) => stateOf(h) === 'registering' && healthy(h) && registrationBlocker(h, world) === undefined,
    act: (h, { now, world }) => {
      const profile = hardwareProfileName(h.bmh);
      const next = h.bmh.spec?.externallyProvisioned ? 'externally provisioned' : inspectionDisabled(h) ? 'preparing' : 'inspecting';
      const creds = credentialsRef(h, world);
      const moved = moveTo(h, next, now, {
        provisioning: provisioning(h, {
          state: next,
          ID: FIXTURE_PROVISIONING_ID,
          bootMode: h.bmh.spec?.bootMode ?? 'UEFI',
          rootDeviceHints: h.bmh.spec?.rootDeviceHints ?? HARDWARE_PROFILES[profile],
        }),
      });
      return [
        status({ ...moved, ...clearError(h), errorCount: 0, hardwareProfile: profile, goodCredentials: creds, triedCredentials: creds }),
        event('Registered', 'Registered new host'),
        event('BMCAccessValidated', 'Verified access to BMC'),
        event('ProfileSet', `Hardware profile set: ${profile}`),
      ];
    },
  },
  {
    // hsm:364-372 + ctrl:1061-1066: new credentials (the Secret's resourceVersion moved) re-run
    // registration in place: a new register operation and BMCAccessValidated.
    name: 're-register',
    delay: 'none',
    when: (h, world) => {
      if (!healthy(h) || !REREGISTER_STATES.has(stateOf(h))) return false;
      const secret = world.secret(h.bmh.metadata.namespace, secretName(h));
      return secret !== undefined && statusOf(h).goodCredentials?.credentialsVersion !== secret.resourceVersion;
    },
    act: (h, { now, world }) => {
      const creds = credentialsRef(h, world);
      const history = { ...statusOf(h).operationHistory, register: { start: now, end: now } };
      return [status({ goodCredentials: creds, triedCredentials: creds, operationHistory: history }), event('BMCAccessValidated', 'Verified access to BMC')];
    },
  },
];
