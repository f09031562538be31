'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { HostDetail } from '@/lib/api/contract';
import { consumerLink } from '@/lib/bmh/host-yaml';
import type { BareMetalHost } from '@/lib/bmh/types';
import { humanDuration } from '@/lib/bmh/human-duration';
import { Card, CardTitle } from '../ui/card';

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </>
  );
}

const fieldList = 'grid grid-cols-[minmax(6rem,9rem)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm';
export const isoAge = (iso: string | undefined | null, now: number) => (iso ? `${humanDuration(now - Date.parse(iso))} ago` : undefined);
const link = 'text-sky-800 underline dark:text-sky-300';

type Hardware = {
  cpu?: { arch?: string; model?: string; count?: number; clockMegahertz?: number };
  ramMebibytes?: number;
  nics?: { name: string; mac: string; ip?: string; speedGbps?: number; pxe?: boolean }[];
  storage?: { name: string; sizeBytes?: number; model?: string; rotational?: boolean }[];
};

/** BMO's error for this host, in full, where it is read first (not only in a tooltip). */
export function HostError({ host }: { host: BareMetalHost }) {
  const status = host.status ?? {};
  if (!status.errorType && status.operationalStatus !== 'error') return null;
  return (
    <div
      role="alert"
      className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100"
      data-testid="host-error"
    >
      <p className="font-semibold">
        {status.errorType || 'error'} ({status.errorCount ?? 0}×)
      </p>
      <p className="mt-1 break-words">{status.errorMessage || 'BMO gave no message.'}</p>
    </div>
  );
}

export function StatusCard({ host, now }: { host: BareMetalHost; now: number }) {
  const status = host.status ?? {};
  return (
    <Card aria-labelledby="status-title">
      <CardTitle id="status-title">Status</CardTitle>
      <dl className={fieldList}>
        <Field label="State">{status.provisioning?.state || 'none'}</Field>
        <Field label="Operational">{status.operationalStatus || '—'}</Field>
        <Field label="Error">
          {status.errorType ? `${status.errorType}: ${status.errorMessage} (×${status.errorCount})` : `none (count ${status.errorCount ?? 0})`}
        </Field>
        <Field label="Powered on">{String(status.poweredOn ?? false)}</Field>
        <Field label="Provisioning ID">{status.provisioning?.ID || '—'}</Field>
        <Field label="Image written">{status.provisioning?.image?.url || '—'}</Field>
        <Field label="Boot mode">{status.provisioning?.bootMode ?? '—'}</Field>
        <Field label="Root device">{status.provisioning?.rootDeviceHints?.deviceName ?? '—'}</Field>
        <Field label="Hardware profile">{status.hardwareProfile || '—'}</Field>
        <Field label="Credentials">
          {status.goodCredentials?.credentials?.name ? `${status.goodCredentials.credentials.name} (v${status.goodCredentials.credentialsVersion})` : '—'}
        </Field>
        <Field label="Last updated">{isoAge(status.lastUpdated, now)}</Field>
      </dl>
    </Card>
  );
}

/** The consumer as a link to what it points at: a host of the fleet, or the hosts sharing it, with the docs of a known kind. */
function Consumer({ host, inFleet }: { host: BareMetalHost; inFleet: (namespace: string, name: string) => boolean }) {
  const target = consumerLink(host.spec.consumerRef, host.metadata.namespace, inFleet);
  if (!target) return <>—</>;
  return (
    <span className="flex flex-col gap-0.5" data-testid="host-consumer">
      {target.href ? (
        <Link className={link} href={target.href} prefetch={false}>
          {target.label}
        </Link>
      ) : (
        target.label
      )}
      {target.docs && (
        <a className={`${link} text-xs`} href={target.docs} target="_blank" rel="noreferrer">
          what a {host.spec.consumerRef?.kind} is
        </a>
      )}
      {target.command && <code className="text-xs break-all">{target.command}</code>}
    </span>
  );
}

export function SpecCard({ host, now, inFleet }: { host: BareMetalHost; now: number; inFleet: (namespace: string, name: string) => boolean }) {
  const image = host.spec.image;
  return (
    <Card aria-labelledby="spec-title">
      <CardTitle id="spec-title">Spec</CardTitle>
      <dl className={fieldList}>
        <Field label="Online">{String(host.spec.online)}</Field>
        <Field label="BMC">{host.spec.bmc?.address}</Field>
        <Field label="Credentials">{host.spec.bmc?.credentialsName}</Field>
        <Field label="Boot MAC">{host.spec.bootMACAddress}</Field>
        <Field label="Image">{image ? `${image.url} (${image.format ?? 'format?'}, ${image.checksumType ?? 'checksum'} ${image.checksum ?? ''})` : '—'}</Field>
        <Field label="Consumer">
          <Consumer host={host} inFleet={inFleet} />
        </Field>
        <Field label="Architecture">{host.spec.architecture}</Field>
        <Field label="Created">{isoAge(host.metadata.creationTimestamp, now)}</Field>
        <Field label="Labels">
          {Object.entries(host.metadata.labels ?? {})
            .map(([k, v]) => `${k}=${v}`)
            .join(', ') || '—'}
        </Field>
        <Field label="Annotations">
          {Object.keys(host.metadata.annotations ?? {})
            .filter((k) => !k.startsWith('kubectl.kubernetes.io/'))
            .join(', ') || '—'}
        </Field>
      </dl>
    </Card>
  );
}

export function HardwareCard({ host }: { host: BareMetalHost }) {
  const hardware = host.status?.hardware as Hardware | undefined;
  return (
    <Card aria-labelledby="hardware-title">
      <CardTitle id="hardware-title">Hardware</CardTitle>
      {hardware ? (
        <dl className={fieldList}>
          <Field label="CPU">
            {hardware.cpu ? `${hardware.cpu.count ?? '?'} × ${hardware.cpu.model} (${hardware.cpu.arch}, ${hardware.cpu.clockMegahertz} MHz)` : '—'}
          </Field>
          <Field label="RAM">{hardware.ramMebibytes ? `${(hardware.ramMebibytes / 1024).toLocaleString('en')} GiB` : '—'}</Field>
          <Field label="NICs">{hardware.nics?.map((n) => `${n.name} ${n.mac}${n.ip ? ` ${n.ip}` : ''}${n.pxe ? ' (pxe)' : ''}`).join('; ')}</Field>
          <Field label="Disks">
            {hardware.storage?.map((d) => `${d.name} ${d.model ?? ''} ${d.sizeBytes ? `${(d.sizeBytes / 2 ** 40).toFixed(0)} TiB` : ''}`).join('; ')}
          </Field>
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">Not inspected yet.</p>
      )}
    </Card>
  );
}

/** A small table of rows under a card title, or a line saying there are none. */
function TableCard({
  id,
  title,
  empty,
  head,
  rows,
  testId,
}: {
  id: string;
  title: string;
  empty: string;
  head: string[];
  rows: ReactNode[][];
  testId?: string;
}) {
  return (
    <Card aria-labelledby={id}>
      <CardTitle id={id}>{title}</CardTitle>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-xs" data-testid={testId}>
            <thead className="text-slate-600 dark:text-slate-300">
              <tr>
                {head.map((h) => (
                  <th key={h} className="pr-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i}>
                  {cells.map((cell, j) => (
                    <td key={j} className="pr-2 align-top">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function ConditionsCard({ host, now }: { host: BareMetalHost; now: number }) {
  const rows = (host.status?.conditions ?? []).map((c) => [
    c.type,
    <span key="s" className={c.status === 'True' ? 'text-emerald-800 dark:text-emerald-300' : ''}>
      {c.status}
    </span>,
    c.reason,
    isoAge(c.lastTransitionTime, now),
  ]);
  return <TableCard id="conditions-title" title="Conditions" empty="No conditions yet." head={['Type', 'Status', 'Reason', 'Since']} rows={rows} />;
}

export function EventsCard({ events, now }: { events: HostDetail['events']; now: number }) {
  const rows = events.map((e) => [
    <span key="t" className="tabular-nums">
      {isoAge(e.lastTimestamp, now)}
    </span>,
    <span key="y" className={e.type === 'Warning' ? 'font-semibold text-amber-800 dark:text-amber-300' : ''}>
      {e.type}
    </span>,
    e.reason,
    e.message,
  ]);
  return (
    <TableCard
      id="events-title"
      title="Events"
      empty="No events for this host."
      head={['Last seen', 'Type', 'Reason', 'Message']}
      rows={rows}
      testId="host-events"
    />
  );
}
