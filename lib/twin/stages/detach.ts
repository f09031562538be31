/** Detach and re-attach: checkDetachedHost (hsm:300-343). Only operationalStatus changes. */
import { isDeleting, isDetached, statusOf, stateOf, wantsDetach } from '../host';
import { status, type Stage } from '../stage';

const DETACHABLE_STATES = new Set(['provisioned', 'externally provisioned', 'ready', 'available']);

export const DETACH_STAGES: readonly Stage[] = [
  {
    // hsm:333-341: back to OK, or to error when an error type is still set.
    name: 'reattach',
    delay: 'none',
    when: (h) => isDetached(h) && !wantsDetach(h).wanted,
    act: (h) => [status({ operationalStatus: statusOf(h).errorType ? 'error' : 'OK' })],
  },
  {
    // hsm:304-325: in a steady state, or in any state but deleting when forced.
    name: 'detach',
    delay: 'none',
    when: (h) =>
      !isDeleting(h) && !isDetached(h) && wantsDetach(h).wanted && (DETACHABLE_STATES.has(stateOf(h)) || (wantsDetach(h).force && stateOf(h) !== 'deleting')),
    act: () => [status({ operationalStatus: 'detached' })],
  },
];
