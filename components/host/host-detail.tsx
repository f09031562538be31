'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, type ReactNode } from 'react';
import { hostQuery } from '@/lib/client/queries';
import { humanDuration } from '@/lib/bmh/human-duration';
import { Card, CardTitle } from '../ui/card';
import { useNow } from '../fleet/connection-status';
import { SelectionActions } from '../fleet/selection-actions';
import { stateColor } from '../fleet/state-style';
import { useFleet } from '../fleet/use-fleet';
import { HostTimeline } from './host-timeline';
import { phaseBars, stateSpans, timeRange } from './timeline';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children ?? '—'}</dd>
    </>
  );
}

const fieldList = 'grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm';
const isoAge = (iso: string | undefined | null, now: number) => (iso ? `${humanDuration(now - Date.parse(iso))} ago` : undefined);

/** One host: its timeline, status, spec, hardware, conditions and events, with the same actions as the table. */
export function HostDetail({ namespace, name }: { namespace: string; name: string }) {
  const fleet = useFleet();
  const view = fleet?.index.get(`${namespace}/${name}`);
  const detail = useQuery(hostQuery(namespace, name));
  const now = useNow();
  const { refetch } = detail;
  // Refetch the full object whenever the live view of this host changes.
  const signature = view ? `${view.state}|${view.operationalStatus}|${view.poweredOn}|${view.online}|${view.image}|${view.errorCount}|${view.deleting}` : 'gone';
  useEffect(() => {
    void refetch();
  }, [signature, refetch]);

  const data = detail.data;
  const bars = useMemo(() => phaseBars(data?.host.status), [data]);
  const spans = useMemo(() => stateSpans(data?.transitions ?? []), [data]);

  if (detail.isPending) return <p className="p-4 text-sm text-slate-500">Loading {namespace}/{name}…</p>;
  if (detail.isError || !data) {
    return (
      <Card>
        <p role="alert" className="text-sm">
          {fleet && !view ? `${namespace}/${name} does not exist (any more).` : (detail.error?.message ?? 'Could not load this host.')}{' '}
          <Link className="text-sky-700 underline dark:text-sky-400" href="/">
            Back to the fleet
          </Link>
        </p>
      </Card>
    );
  }
  const { host, events } = data;
  const status = host.status ?? {};
  const state = status.provisioning?.state || 'none';
  const hardware = status.hardware as
    | { cpu?: { arch?: string; model?: string; count?: number; clockMegahertz?: number }; ramMebibytes?: number; nics?: { name: string; mac: string; ip?: string; speedGbps?: number; pxe?: boolean }[]; storage?: { name: string; sizeBytes?: number; model?: string; rotational?: boolean }[] }
    | undefined;
  const range = timeRange(bars, spans, Date.parse(host.metadata.creationTimestamp ?? '') || now, now);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/" className="text-sm text-sky-700 hover:underline dark:text-sky-400">
          ← Fleet
        </Link>
        <h1 className="text-xl font-semibold" data-testid="host-title">
          {namespace}/{name}
        </h1>
        <span className="flex items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-0.5 text-sm dark:border-slate-700" data-testid="host-state">
          <span className="inline-block size-2.5 rounded-full" style={{ background: stateColor(state) }} aria-hidden />
          {state}
        </span>
        {status.operationalStatus && <span className={status.operationalStatus === 'error' ? 'text-sm font-semibold text-rose-600' : 'text-sm text-slate-500'}>{status.operationalStatus}</span>}
        {host.metadata.deletionTimestamp && <span className="text-sm text-rose-600">being deleted</span>}
      </div>
      {view && <SelectionActions selected={[view]} onDone={() => void refetch()} />}
      <Card>
        <CardTitle>Timeline</CardTitle>
        {bars.length === 0 && spans.length === 0 ? <p className="text-sm text-slate-500">No operations yet.</p> : <HostTimeline bars={bars} spans={spans} range={range} now={now} />}
        {data.transitions.length > 0 && (
          <ol className="mt-3 flex flex-col gap-0.5 text-xs" data-testid="host-transitions">
            {data.transitions.map((t) => (
              <li key={t.t} className="flex gap-2">
                <span className="tabular-nums text-slate-500">{new Date(t.t).toLocaleTimeString('en-GB')}</span>
                <span>{t.from ? `${t.from} → ${t.to}` : `first seen in ${t.to}`}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardTitle>Status</CardTitle>
          <dl className={fieldList}>
            <Field label="State">{state}</Field>
            <Field label="Operational">{status.operationalStatus || '—'}</Field>
            <Field label="Error">{status.errorType ? `${status.errorType}: ${status.errorMessage} (×${status.errorCount})` : `none (count ${status.errorCount ?? 0})`}</Field>
            <Field label="Powered on">{String(status.poweredOn ?? false)}</Field>
            <Field label="Provisioning ID">{status.provisioning?.ID || '—'}</Field>
            <Field label="Image written">{status.provisioning?.image?.url || '—'}</Field>
            <Field label="Boot mode">{status.provisioning?.bootMode ?? '—'}</Field>
            <Field label="Root device">{status.provisioning?.rootDeviceHints?.deviceName ?? '—'}</Field>
            <Field label="Hardware profile">{status.hardwareProfile || '—'}</Field>
            <Field label="Credentials">{status.goodCredentials?.credentials?.name ? `${status.goodCredentials.credentials.name} (v${status.goodCredentials.credentialsVersion})` : '—'}</Field>
            <Field label="Last updated">{isoAge(status.lastUpdated, now)}</Field>
          </dl>
        </Card>
        <Card>
          <CardTitle>Spec</CardTitle>
          <dl className={fieldList}>
            <Field label="Online">{String(host.spec.online)}</Field>
            <Field label="BMC">{host.spec.bmc?.address}</Field>
            <Field label="Credentials">{host.spec.bmc?.credentialsName}</Field>
            <Field label="Boot MAC">{host.spec.bootMACAddress}</Field>
            <Field label="Image">{host.spec.image ? `${host.spec.image.url} (${host.spec.image.format ?? 'format?'}, ${host.spec.image.checksumType ?? 'checksum'} ${host.spec.image.checksum ?? ''})` : '—'}</Field>
            <Field label="Consumer">{host.spec.consumerRef ? `${host.spec.consumerRef.kind ?? ''} ${host.spec.consumerRef.name}` : '—'}</Field>
            <Field label="Architecture">{host.spec.architecture}</Field>
            <Field label="Created">{isoAge(host.metadata.creationTimestamp, now)}</Field>
            <Field label="Labels">{Object.entries(host.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '—'}</Field>
            <Field label="Annotations">{Object.keys(host.metadata.annotations ?? {}).filter((k) => !k.startsWith('kubectl.kubernetes.io/')).join(', ') || '—'}</Field>
          </dl>
        </Card>
        <Card>
          <CardTitle>Hardware</CardTitle>
          {hardware ? (
            <dl className={fieldList}>
              <Field label="CPU">{hardware.cpu ? `${hardware.cpu.count ?? '?'} × ${hardware.cpu.model} (${hardware.cpu.arch}, ${hardware.cpu.clockMegahertz} MHz)` : '—'}</Field>
              <Field label="RAM">{hardware.ramMebibytes ? `${(hardware.ramMebibytes / 1024).toLocaleString('en')} GiB` : '—'}</Field>
              <Field label="NICs">{hardware.nics?.map((n) => `${n.name} ${n.mac}${n.ip ? ` ${n.ip}` : ''}${n.pxe ? ' (pxe)' : ''}`).join('; ')}</Field>
              <Field label="Disks">{hardware.storage?.map((d) => `${d.name} ${d.model ?? ''} ${d.sizeBytes ? `${(d.sizeBytes / 2 ** 40).toFixed(0)} TiB` : ''}`).join('; ')}</Field>
            </dl>
          ) : (
            <p className="text-sm text-slate-500">Not inspected yet.</p>
          )}
        </Card>
        <Card>
          <CardTitle>Conditions</CardTitle>
          {status.conditions?.length ? (
            <table className="w-full text-left text-xs">
              <thead className="text-slate-500">
                <tr>
                  <th className="font-medium">Type</th>
                  <th className="font-medium">Status</th>
                  <th className="font-medium">Reason</th>
                  <th className="font-medium">Since</th>
                </tr>
              </thead>
              <tbody>
                {status.conditions.map((c) => (
                  <tr key={c.type}>
                    <td>{c.type}</td>
                    <td className={c.status === 'True' ? 'text-emerald-600' : 'text-slate-500'}>{c.status}</td>
                    <td>{c.reason}</td>
                    <td>{isoAge(c.lastTransitionTime, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">No conditions yet.</p>
          )}
        </Card>
      </div>
      <Card>
        <CardTitle>Events</CardTitle>
        {events.length === 0 ? (
          <p className="text-sm text-slate-500">No events for this host.</p>
        ) : (
          <table className="w-full text-left text-xs" data-testid="host-events">
            <thead className="text-slate-500">
              <tr>
                <th className="font-medium">Last seen</th>
                <th className="font-medium">Type</th>
                <th className="font-medium">Reason</th>
                <th className="font-medium">Message</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.reason}-${i}`}>
                  <td className="tabular-nums">{isoAge(e.lastTimestamp, now)}</td>
                  <td className={e.type === 'Warning' ? 'text-amber-600' : ''}>{e.type}</td>
                  <td>{e.reason}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
