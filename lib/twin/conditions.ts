/** BMO's status conditions (computeConditions, ctrl:2389-2469), from state and operationalStatus. */
import type { Condition } from '../bmh/types';

type Cond = [type: string, status: Condition['status'], reason: string];

const PROGRESS_REASON: Record<string, string> = {
  registering: 'Registering',
  inspecting: 'Inspecting',
  preparing: 'Preparing',
  provisioning: 'Provisioning',
  deprovisioning: 'Deprovisioning',
  'powering off before delete': 'PoweringOffBeforeDelete',
  deleting: 'Deleting',
};

function forState(state: string, operationalStatus: string, errorType: string): Cond[] {
  if (state === '' || state === 'unmanaged') {
    return [
      ['Manageable', 'False', 'NotManaged'],
      ['AvailableForProvisioning', 'False', 'NotAvailable'],
      ['Provisioned', 'False', 'NotProvisioned'],
      ['Ready', 'False', 'NotProvisioned'],
      ['Progressing', 'False', 'NotProgressing'],
    ];
  }
  if (state === 'registering') {
    return [
      ['Manageable', 'False', errorType === 'registration error' ? 'RegistrationFailed' : 'Registering'],
      ['AvailableForProvisioning', 'False', 'NotAvailable'],
      ['Provisioned', 'False', 'NotProvisioned'],
      ['Ready', 'False', 'NotProvisioned'],
      ['Progressing', 'True', 'Registering'],
    ];
  }
  if (state === 'available' || state === 'ready') {
    return [
      ['Manageable', 'True', 'Manageable'],
      ['AvailableForProvisioning', 'True', 'Available'],
      ['Provisioned', 'False', 'NotProvisioned'],
      ['Ready', 'False', 'NotProvisioned'],
      ['Progressing', 'False', 'NotProgressing'],
    ];
  }
  if (state === 'provisioned' || state === 'externally provisioned') {
    return [
      ['Manageable', 'True', 'Manageable'],
      ['AvailableForProvisioning', 'False', 'NotAvailable'],
      ['Provisioned', 'True', 'Provisioned'],
      ['Ready', 'True', 'Provisioned'],
      ['Progressing', 'False', 'NotProgressing'],
    ];
  }
  return [
    ['Manageable', 'True', 'Manageable'],
    ['AvailableForProvisioning', 'False', 'NotAvailable'],
    ['Provisioned', 'False', 'NotProvisioned'],
    ['Ready', 'False', 'NotProvisioned'],
    ['Progressing', 'True', PROGRESS_REASON[state] ?? 'NotProgressing'],
  ];
}

/**
 * The six conditions for a status. A condition keeps its `lastTransitionTime` while its status
 * and reason stay the same, as metav1 conditions do.
 */
export function computeConditions(
  state: string,
  operationalStatus: string,
  errorType: string,
  generation: number,
  now: string,
  previous: Condition[] = [],
): Condition[] {
  const conds = forState(state, operationalStatus, errorType).map(([type, status, reason]) => {
    if (type === 'Ready' && operationalStatus === 'error') return [type, 'False', 'Error'] as Cond;
    if (type === 'Ready' && operationalStatus === 'detached') return [type, 'False', 'Detached'] as Cond;
    if (type === 'Progressing' && operationalStatus === 'detached') return [type, 'False', 'Detached'] as Cond;
    return [type, status, reason] as Cond;
  });
  conds.push(['Healthy', 'Unknown', 'Unknown']);
  // CAPI v1beta2 conditions.Set keeps them sorted: Ready first, then by type.
  conds.sort(([a], [b]) => (a === 'Ready' ? -1 : b === 'Ready' ? 1 : a.localeCompare(b)));
  return conds.map(([type, status, reason]) => {
    const old = previous.find((c) => c.type === type);
    const unchanged = old && old.status === status && old.reason === reason;
    return {
      type,
      status,
      reason,
      message: '',
      lastTransitionTime: unchanged ? old.lastTransitionTime : now,
      observedGeneration: generation,
    };
  });
}
