'use client';
import type { HostView } from '@/lib/bmh/host-view';
import { ACTION_LABELS, needsConfirmation } from '@/lib/api/action-effects';
import { MAX_HOSTS_PER_REQUEST, type HostAction } from '@/lib/api/limits';
import { Button } from '../ui/button';
import { useActionFlow } from './action-dialog';
import { useReadonly } from './use-fleet';

const SHOWN: HostAction[] = ['provision', 'deprovision', 'power-on', 'power-off', 'reboot', 'inspect', 'detach', 'attach', 'delete'];

/**
 * Bulk actions on the selected rows, or, with nothing selected and a filter on, on every host the
 * filter shows. Destructive ones, and any on more than a handful of hosts, ask first.
 */
export function SelectionActions({ selected, filtered, onDone }: { selected: HostView[]; filtered?: HostView[]; onDone: () => void }) {
  const readonly = useReadonly();
  const flow = useActionFlow(onDone);
  const targets = selected.length > 0 ? selected : (filtered ?? []);
  const n = targets.length.toLocaleString('en');
  const scope = selected.length > 0 ? `${n} selected` : filtered ? `all ${n} filtered` : undefined;
  const tooMany = targets.length > MAX_HOSTS_PER_REQUEST;
  const start = (action: HostAction) =>
    flow.ask(action, {
      hosts: targets.map((h) => ({ namespace: h.namespace, name: h.name })),
      count: targets.length,
      scope:
        selected.length === 1
          ? `Host ${selected[0]!.namespace}/${selected[0]!.name}.`
          : selected.length > 0
            ? `The ${n} selected hosts.`
            : `Every host the table's filters show (${n}).`,
    });

  return (
    <div className="flex flex-wrap items-center gap-1.5" role="group" aria-label="Bulk actions">
      <span className="mr-1 text-xs text-slate-600 dark:text-slate-300">
        {scope ? `Act on ${scope} host${targets.length === 1 ? '' : 's'}:` : 'Select hosts or filter the table to act on many at once.'}
      </span>
      {scope &&
        SHOWN.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={action === 'delete' ? 'danger' : 'secondary'}
            disabled={readonly || tooMany || flow.busy}
            onClick={() => start(action)}
            data-testid={`bulk-${action}`}
            data-confirm={needsConfirmation(action, targets.length)}
          >
            {ACTION_LABELS[action]}
            {action === 'provision' || needsConfirmation(action, targets.length) ? '…' : ''}
          </Button>
        ))}
      {tooMany && <span className="text-xs text-rose-700">At most {MAX_HOSTS_PER_REQUEST.toLocaleString('en')} hosts per action: narrow the filter.</span>}
      {flow.inlineError && (
        <span role="alert" className="text-xs text-rose-700">
          {flow.inlineError}
        </span>
      )}
      {flow.dialog}
    </div>
  );
}
