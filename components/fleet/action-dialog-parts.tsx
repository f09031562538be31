'use client';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { effectOf, needsTypedCount, ACTION_LABELS } from '@/lib/api/action-effects';
import type { HostAction } from '@/lib/api/limits';
import { Button } from '../ui/button';

/** A modal dialog named by its heading; Escape or Cancel closes it. Open while mounted. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={id}
      onClose={onClose}
      data-testid="action-dialog"
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={id} className="mb-2 text-base font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** The server's refusal, where the person is looking: inside the dialog. */
export function DialogError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p
      role="alert"
      className="rounded border border-rose-300 bg-rose-50 px-2 py-1 text-xs text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200"
      data-testid="dialog-error"
    >
      {message}
    </p>
  );
}

/** "N hosts are …", and for delete the number typed back before the button works. */
export function ConfirmAction({
  action,
  count,
  scope,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  action: HostAction;
  count: number;
  scope: string;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [typed, setTyped] = useState('');
  const typedOk = !needsTypedCount(action) || typed.replace(/[\s,]/g, '') === String(count);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typedOk && !busy) onConfirm();
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 text-sm">
      <p data-testid="action-effect">{effectOf(action, count)}</p>
      <p className="text-xs text-slate-600 dark:text-slate-300">{scope}</p>
      {needsTypedCount(action) && (
        <label className="flex flex-col gap-1 text-xs">
          Type {count.toLocaleString('en')} to confirm
          <input
            className="h-8 w-32 rounded-md border border-slate-400 bg-white px-2 tabular-nums dark:border-slate-500 dark:bg-slate-800"
            inputMode="numeric"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="confirm-count"
            data-expected={count}
          />
        </label>
      )}
      <DialogError message={error} />
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button
          size="sm"
          variant={action === 'delete' || action === 'deprovision' || action === 'power-off' ? 'danger' : 'primary'}
          type="submit"
          disabled={!typedOk || busy}
          data-testid="confirm-action"
        >
          {ACTION_LABELS[action]} {count.toLocaleString('en')} host{count === 1 ? '' : 's'}
        </Button>
      </div>
    </form>
  );
}
