'use client';
import { useState, type FormEvent } from 'react';
import type { Image } from '@/lib/api/contract';
import { DEFAULT_IMAGE } from '@/lib/api/limits';
import { CHECKSUM_TYPES, DISK_FORMATS, imageProblems } from '@/lib/bmh/image-rules';
import { effectOf } from '@/lib/api/action-effects';
import { Button } from '../ui/button';
import { DialogError } from './action-dialog-parts';

const input = 'h-8 w-full rounded-md border border-slate-400 bg-white px-2 text-xs dark:border-slate-500 dark:bg-slate-800';

/** The image's fields: URL, checksum and its type, disk format. */
function ImageFields({ image, setImage }: { image: Image; setImage: (image: Image) => void }) {
  return (
    <>
      <label className="flex flex-col gap-1">
        Image URL
        <input className={input} value={image.url} onChange={(e) => setImage({ ...image, url: e.target.value })} required data-testid="provision-url" />
      </label>
      <div className="flex gap-2">
        <label className="flex flex-1 flex-col gap-1">
          Checksum
          <input
            className={input}
            value={image.checksum ?? ''}
            onChange={(e) => setImage({ ...image, checksum: e.target.value })}
            data-testid="provision-checksum"
          />
        </label>
        <label className="flex flex-col gap-1">
          Type
          <select
            className={input}
            value={image.checksumType ?? 'auto'}
            onChange={(e) => setImage({ ...image, checksumType: e.target.value as Image['checksumType'] })}
            data-testid="provision-checksum-type"
          >
            {CHECKSUM_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Format
          <select
            className={input}
            value={image.format ?? 'qcow2'}
            onChange={(e) => setImage({ ...image, format: e.target.value as Image['format'] })}
            data-testid="provision-format"
          >
            {DISK_FORMATS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

/**
 * The image to write, and how many of the hosts to provision: all of them by default, or the
 * first N in the table's order ("provision 500 of the 1,000 available"). The form stays as the
 * person left it when the server refuses it, with the reason shown here.
 */
export function ProvisionForm({
  count,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  count: number;
  busy: boolean;
  error?: string;
  onSubmit: (image: Image, hosts: number) => void;
  onCancel: () => void;
}) {
  const [image, setImage] = useState<Image>({ ...DEFAULT_IMAGE });
  const [hosts, setHosts] = useState(String(count));
  const n = Number(hosts);
  const countOk = Number.isInteger(n) && n >= 1 && n <= count;
  // What would be sent, checked by the rules BMO's webhook applies (the server checks it again).
  const sent: Image = { ...image, checksum: image.checksum || undefined };
  const problems = imageProblems(sent);
  const valid = countOk && problems.length === 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onSubmit(sent, n);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 text-xs" aria-label="Provision image">
      <p data-testid="action-effect">{effectOf('provision', countOk ? n : count)}</p>
      <label className="flex flex-col gap-1">
        <span>Hosts (of {count.toLocaleString('en')}; the first ones in the table&apos;s order)</span>
        <input
          className={`${input} w-28 tabular-nums`}
          type="number"
          min={1}
          max={count}
          value={hosts}
          onChange={(e) => setHosts(e.target.value)}
          aria-invalid={!countOk}
          data-testid="provision-count"
        />
      </label>
      <ImageFields image={image} setImage={setImage} />
      {problems.length > 0 && (
        <ul className="list-inside list-disc text-rose-800 dark:text-rose-300" data-testid="image-problems" aria-live="polite">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <DialogError message={error} />
      <div className="flex justify-end gap-2">
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" disabled={!valid || busy} data-testid="confirm-provision">
          Provision {countOk ? n.toLocaleString('en') : ''}
        </Button>
      </div>
    </form>
  );
}
