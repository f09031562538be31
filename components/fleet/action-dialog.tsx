'use client';
import { useState } from 'react';
import { ACTION_LABELS, needsConfirmation } from '@/lib/api/action-effects';
import type { HostActionRequest, Image } from '@/lib/api/contract';
import type { HostAction } from '@/lib/api/limits';
import { ConfirmAction, Modal } from './action-dialog-parts';
import { ProvisionForm } from './provision-form';
import { useHostAction } from './use-actions';

/** The hosts an action goes to: named ones (a selection) or those a filter picks on the server. */
export interface ActionTarget {
  hosts?: { namespace: string; name: string }[];
  where?: { state?: string; namespace?: string };
  count: number;
  /** Which hosts, in words ("the 12 selected hosts"). */
  scope: string;
}

function requestFor(action: HostAction, target: ActionTarget, count: number, image?: Image): HostActionRequest {
  const base = target.hosts ? { hosts: target.hosts.slice(0, count) } : { where: { ...target.where, ...(count < target.count ? { limit: count } : {}) } };
  return { action, ...base, ...(image ? { image } : {}) } as HostActionRequest;
}

/**
 * Runs host actions, asking first where it should (lib/fleet/action-effects.ts): `ask` either
 * runs at once or opens the dialog `dialog` renders. The dialog stays open, with what was typed,
 * until the server accepted the job; a refusal shows inside it.
 */
export function useActionFlow(onDone?: () => void) {
  const mutation = useHostAction();
  const [pending, setPending] = useState<{ action: HostAction; target: ActionTarget }>();
  const run = (action: HostAction, target: ActionTarget, count = target.count, image?: Image) =>
    mutation.mutate(requestFor(action, target, count, image), {
      onSuccess: () => {
        setPending(undefined);
        onDone?.();
      },
    });
  const ask = (action: HostAction, target: ActionTarget) => {
    mutation.reset();
    if (needsConfirmation(action, target.count)) setPending({ action, target });
    else run(action, target);
  };
  const close = () => setPending(undefined);
  const error = pending && mutation.isError ? mutation.error.message : undefined;
  const dialog = pending && (
    <Modal
      title={`${ACTION_LABELS[pending.action]} ${pending.target.count.toLocaleString('en')} host${pending.target.count === 1 ? '' : 's'}?`}
      onClose={close}
    >
      {pending.action === 'provision' ? (
        <ProvisionForm
          count={pending.target.count}
          busy={mutation.isPending}
          error={error}
          onSubmit={(image, n) => run('provision', pending.target, n, image)}
          onCancel={close}
        />
      ) : (
        <ConfirmAction
          action={pending.action}
          count={pending.target.count}
          scope={pending.target.scope}
          busy={mutation.isPending}
          error={error}
          onConfirm={() => run(pending.action, pending.target)}
          onCancel={close}
        />
      )}
    </Modal>
  );
  /** A refusal of an action that did not ask first (the dialog shows its own). */
  const inlineError = !pending && mutation.isError ? mutation.error.message : undefined;
  return { ask, dialog, busy: mutation.isPending, inlineError };
}
