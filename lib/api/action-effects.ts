/**
 * What a bulk action will do, in words a person confirms, and when to ask first. Pure and free
 * of server code, so the browser uses it (the dialogs) and tests read it.
 */
import type { HostAction } from './limits';

/** More hosts than this, and any action asks first; the destructive ones always ask. */
export const HANDFUL = 5;
const DESTRUCTIVE: ReadonlySet<HostAction> = new Set(['delete', 'deprovision', 'power-off']);

export const ACTION_LABELS: Record<HostAction, string> = {
  provision: 'Provision',
  deprovision: 'Deprovision',
  'power-on': 'Power on',
  'power-off': 'Power off',
  reboot: 'Reboot',
  inspect: 'Re-inspect',
  detach: 'Detach',
  attach: 'Attach',
  pause: 'Pause',
  unpause: 'Unpause',
  delete: 'Delete',
};

const hosts = (n: number) => `${n.toLocaleString('en')} host${n === 1 ? '' : 's'}`;

/** One sentence: what happens to the hosts, as BMO takes them through it. */
export function effectOf(action: HostAction, n: number): string {
  const h = hosts(n);
  const one = n === 1;
  const are = one ? 'is' : 'are';
  switch (action) {
    case 'provision':
      return `${h} ${one ? 'gets' : 'get'} this image written: provisioning, then provisioned. Whatever is on their disks is overwritten.`;
    case 'deprovision':
      return `${h} ${one ? 'loses its' : 'lose their'} image: deprovisioning (disks cleaned), then available again. What runs on ${one ? 'it' : 'them'} stops.`;
    case 'power-on':
      return `${h} ${are} powered on.`;
    case 'power-off':
      return `${h} ${are} powered off. What runs on ${one ? 'it' : 'them'} stops.`;
    case 'reboot':
      return `${h} ${are} rebooted. What runs on ${one ? 'it' : 'them'} restarts.`;
    case 'inspect':
      return `${h} ${are} inspected again: inspecting, then back where they were.`;
    case 'detach':
      return `BMO stops managing ${h} (status detached); nothing on them changes.`;
    case 'attach':
      return `BMO manages ${h} again.`;
    case 'pause':
      return `BMO stops reconciling ${h} until unpaused.`;
    case 'unpause':
      return `BMO reconciles ${h} again.`;
    case 'delete':
      return `${h} ${are} powered off and deleted (powering off before delete, deleting), and ${are} gone for good.`;
  }
}

export function needsConfirmation(action: HostAction, n: number): boolean {
  return action === 'provision' || DESTRUCTIVE.has(action) || n > HANDFUL;
}

/** Delete is confirmed by typing the number of hosts: a deliberate step, not a reflex click. */
export function needsTypedCount(action: HostAction): boolean {
  return action === 'delete';
}
