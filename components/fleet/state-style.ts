/** One colour per provisioning state, used by tiles, badges, the table and the charts alike. */
import { NO_STATE } from '@/lib/bmh/states';

export const STATE_COLORS: Record<string, string> = {
  [NO_STATE]: '#94a3b8',
  unmanaged: '#64748b',
  registering: '#0ea5e9',
  'match profile': '#6366f1',
  inspecting: '#6366f1',
  preparing: '#8b5cf6',
  ready: '#10b981',
  available: '#10b981',
  provisioning: '#f59e0b',
  provisioned: '#15803d',
  'externally provisioned': '#0d9488',
  deprovisioning: '#f97316',
  'powering off before delete': '#e11d48',
  deleting: '#b91c1c',
};

export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? '#a855f7';
}
