'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { HostView } from '@/lib/bmh/host-view';
import type { Image } from '@/lib/api/contract';
import { DEFAULT_IMAGE, MAX_HOSTS_PER_REQUEST, type HostAction } from '@/lib/api/limits';
import { Button } from '../ui/button';
import { useHostAction } from './use-actions';
import { useReadonly } from './use-fleet';

const DESTRUCTIVE: ReadonlySet<HostAction> = new Set(['delete', 'deprovision', 'power-off']);
const LABELS: Partial<Record<HostAction, string>> = {
  provision: 'Provision…',
  deprovision: 'Deprovision',
  'power-on': 'Power on',
  'power-off': 'Power off',
  reboot: 'Reboot',
  inspect: 'Re-inspect',
  detach: 'Detach',
  attach: 'Attach',
  delete: 'Delete',
};

const input = 'h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-xs dark:border-slate-600 dark:bg-slate-800';

/**
 * The image to write, and how many of the hosts to provision: all of them by default, or the
 * first N in the table's order ("provision 500 of the 1,000 available").
 */
function ImageForm({ onSubmit, onCancel, count }: { onSubmit: (image: Image, hosts: number) => void; onCancel: () => void; count: number }) {
  const [image, setImage] = useState<Image>({ ...DEFAULT_IMAGE });
  const [hosts, setHosts] = useState(String(count));
  const n = Number(hosts);
  const valid = Number.isInteger(n) && n >= 1 && n <= count;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onSubmit({ ...image, checksum: image.checksum || undefined }, n);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 text-xs" aria-label="Provision image">
      <p className="font-medium">Provision hosts with this image</p>
      <label className="flex flex-col gap-1">
        <span>
          Hosts (of {count.toLocaleString('en')}; the first ones in the table&apos;s order)
        </span>
        <input className={`${input} w-28 tabular-nums`} type="number" min={1} max={count} value={hosts} onChange={(e) => setHosts(e.target.value)} aria-invalid={!valid} data-testid="provision-count" />
      </label>
      <label className="flex flex-col gap-1">
        Image URL
        <input className={input} value={image.url} onChange={(e) => setImage({ ...image, url: e.target.value })} required />
      </label>
      <div className="flex gap-2">
        <label className="flex flex-1 flex-col gap-1">
          Checksum
          <input className={input} value={image.checksum ?? ''} onChange={(e) => setImage({ ...image, checksum: e.target.value })} />
        </label>
        <label className="flex flex-col gap-1">
          Type
          <select className={input} value={image.checksumType ?? 'auto'} onChange={(e) => setImage({ ...image, checksumType: e.target.value as Image['checksumType'] })}>
            {['md5', 'sha256', 'sha512', 'auto'].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Format
          <select className={input} value={image.format ?? 'qcow2'} onChange={(e) => setImage({ ...image, format: e.target.value as Image['format'] })}>
            {['raw', 'qcow2', 'vdi', 'vmdk', 'live-iso'].map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" disabled={!valid} data-testid="confirm-provision">
          Provision {valid ? n.toLocaleString('en') : ''}
        </Button>
      </div>
    </form>
  );
}

/**
 * Bulk actions on the selected rows, or, with nothing selected and a filter on, on every host the
 * filter shows. Destructive ones ask first.
 */
export function SelectionActions({ selected, filtered, onDone }: { selected: HostView[]; filtered?: HostView[]; onDone: () => void }) {
  const readonly = useReadonly();
  const action = useHostAction();
  const [pending, setPending] = useState<HostAction | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);
  const targets = selected.length > 0 ? selected : (filtered ?? []);
  const scope = selected.length > 0 ? `${selected.length.toLocaleString('en')} selected` : filtered ? `all ${filtered.length.toLocaleString('en')} filtered` : undefined;
  const tooMany = targets.length > MAX_HOSTS_PER_REQUEST;

  useEffect(() => {
    if (pending) dialog.current?.showModal();
    else dialog.current?.close();
  }, [pending]);

  const run = (name: HostAction, image?: Image, count = targets.length) => {
    action.mutate(
      { action: name, hosts: targets.slice(0, count).map((h) => ({ namespace: h.namespace, name: h.name })), ...(image ? { image } : {}) },
      { onSuccess: onDone },
    );
    setPending(undefined);
  };
  const start = (name: HostAction) => (name === 'provision' || DESTRUCTIVE.has(name) ? setPending(name) : run(name));

  return (
    <div className="flex flex-wrap items-center gap-1.5" aria-label="Bulk actions">
      <span className="mr-1 text-xs text-slate-500 dark:text-slate-400">{scope ? `Act on ${scope} hosts:` : 'Select hosts or filter the table to act on many at once.'}</span>
      {scope &&
        (Object.keys(LABELS) as HostAction[]).map((name) => (
          <Button key={name} size="sm" variant={name === 'delete' ? 'danger' : 'secondary'} disabled={readonly || tooMany || action.isPending} onClick={() => start(name)} data-testid={`bulk-${name}`}>
            {LABELS[name]}
          </Button>
        ))}
      {tooMany && <span className="text-xs text-rose-600">At most {MAX_HOSTS_PER_REQUEST.toLocaleString('en')} hosts per action: narrow the filter.</span>}
      {action.isError && <span role="alert" className="text-xs text-rose-600">{action.error.message}</span>}
      <dialog ref={dialog} onClose={() => setPending(undefined)} className="m-auto w-[28rem] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
        {pending === 'provision' ? (
          <ImageForm count={targets.length} onSubmit={(image, hosts) => run('provision', image, hosts)} onCancel={() => setPending(undefined)} />
        ) : (
          pending && (
            <div className="flex flex-col gap-3 text-sm">
              <p>
                {LABELS[pending]} <strong>{targets.length.toLocaleString('en')}</strong> hosts?
                {pending === 'delete' && ' They go through the delete flow and are gone for good.'}
              </p>
              <div className="flex justify-end gap-2">
                <Button size="sm" variant="ghost" onClick={() => setPending(undefined)}>
                  Cancel
                </Button>
                <Button size="sm" variant="danger" onClick={() => run(pending)} data-testid="confirm-action">
                  {LABELS[pending]}
                </Button>
              </div>
            </div>
          )
        )}
      </dialog>
    </div>
  );
}
