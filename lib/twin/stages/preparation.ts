/** Inspecting → preparing → available: handleInspecting (hsm:425-432), handleMatchProfile (hsm:434-439), handlePreparing (hsm:461-468). */
import { FIXTURE_HARDWARE } from '../fixture';
import { inError, managed, statusOf, stateOf, type TwinHost } from '../host';
import { clearError, event, moveTo, provisioning, status, type Stage, type Step } from '../stage';
import { desiredHints, desiredRaid } from './settings';

/** An injected failure of this very step blocks it until its retry; an older error does not. */
const failedHere = (h: TwinHost, errorType: string) => inError(h) && statusOf(h).errorType === errorType;

export const PREPARATION_STAGES: readonly Stage[] = [
  {
    name: 'inspected',
    delay: 'inspect',
    failure: { key: 'inspect', errorType: 'inspection error', reason: 'InspectionError', message: 'Failed to inspect hardware (injected fault)' },
    // fixture.go:173-238: only the first InspectHardware of the process waits, and it marks that at its start.
    shared: (fixture) => ({ wait: !fixture.inspectionStarted, next: { ...fixture, inspectionStarted: true } }),
    when: (h) => stateOf(h) === 'inspecting' && managed(h) && !inError(h),
    act: (h, { now }) => [
      status(moveTo(h, 'preparing', now, { hardware: FIXTURE_HARDWARE, errorCount: 0 })),
      { kind: 'hardwareData', op: 'create' },
      ...(h.bmh.spec?.architecture ? [] : [{ kind: 'object', patch: { spec: { architecture: FIXTURE_HARDWARE.cpu.arch } } } as Step]),
      event('InspectionComplete', 'Hardware inspection completed'),
    ],
  },
  {
    name: 'match-profile',
    delay: 'none',
    when: (h) => stateOf(h) === 'match profile' && managed(h),
    act: (h, { now }) => [status(moveTo(h, 'preparing', now, { errorCount: 0 }))],
  },
  {
    // actionPreparing saves the provisioning settings (saveHostProvisioningSettings, ctrl:2086) and
    // clears any error on success; the fixture's Prepare completes in one pass (fixture.go:254-258).
    name: 'prepared',
    delay: 'prepare',
    failure: { key: 'prepare', errorType: 'preparation error', reason: 'PreparationError', message: 'Failed to prepare the host (injected fault)' },
    when: (h) => stateOf(h) === 'preparing' && managed(h) && !failedHere(h, 'preparation error'),
    act: (h, { now }) => {
      const raid = desiredRaid(h);
      const settings = { state: 'available', rootDeviceHints: desiredHints(h), ...(raid ? { raid } : {}) };
      return [status({ ...moveTo(h, 'available', now, { provisioning: provisioning(h, settings) }), ...(inError(h) ? clearError(h) : {}), errorCount: 0 })];
    },
  },
];
