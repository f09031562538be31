'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import type { HostDetail as HostDetailData } from '@/lib/api/contract';
import type { HostView } from '@/lib/bmh/host-view';
import { hostQuery } from '@/lib/client/queries';
import { Card, CardTitle } from '../ui/card';
import { useNow } from '../fleet/connection-status';
import { SelectionActions } from '../fleet/selection-actions';
import { stateColor } from '../fleet/state-style';
import { useFleet } from '../fleet/use-fleet';
import { ConditionsCard, EventsCard, HardwareCard, HostError, SpecCard, StatusCard } from './host-cards';
import { HostTimeline } from './host-timeline';
import { HostYamlCard } from './host-yaml-card';
import { phaseBars, stateSpans, timeRange } from './timeline';

const backLink = 'text-sm text-sky-800 hover:underline dark:text-sky-300';

/** The full object, fetched again whenever the live view of this host changes. */
function useHostDetail(namespace: string, name: string, view: HostView | undefined) {
  const detail = useQuery(hostQuery(namespace, name));
  const { refetch } = detail;
  const signature = view
    ? `${view.state}|${view.operationalStatus}|${view.poweredOn}|${view.online}|${view.image}|${view.errorCount}|${view.deleting}`
    : 'gone';
  useEffect(() => {
    void refetch();
  }, [signature, refetch]);
  return detail;
}

function HostHeading({ data }: { data: HostDetailData }) {
  const { host } = data;
  const status = host.status ?? {};
  const state = status.provisioning?.state || 'none';
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Link href="/" className={backLink}>
        ← Fleet
      </Link>
      <h1 className="text-xl font-semibold break-all" data-testid="host-title">
        {host.metadata.namespace}/{host.metadata.name}
      </h1>
      <span className="flex items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-0.5 text-sm dark:border-slate-700" data-testid="host-state">
        <span className="inline-block size-2.5 rounded-full" style={{ background: stateColor(state) }} aria-hidden />
        {state}
      </span>
      {status.operationalStatus && (
        <span
          className={
            status.operationalStatus === 'error' ? 'text-sm font-semibold text-rose-700 dark:text-rose-300' : 'text-sm text-slate-600 dark:text-slate-300'
          }
        >
          {status.operationalStatus}
        </span>
      )}
      {host.metadata.deletionTimestamp && <span className="text-sm text-rose-700 dark:text-rose-300">being deleted</span>}
    </div>
  );
}

function TimelineCard({ data, now }: { data: HostDetailData; now: number }) {
  const bars = useMemo(() => phaseBars(data.host.status), [data]);
  const spans = useMemo(() => stateSpans(data.transitions), [data]);
  const range = timeRange(bars, spans, Date.parse(data.host.metadata.creationTimestamp ?? '') || now, now);
  return (
    <Card aria-labelledby="timeline-title">
      <CardTitle id="timeline-title">Timeline</CardTitle>
      {bars.length === 0 && spans.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No operations yet.</p>
      ) : (
        <HostTimeline bars={bars} spans={spans} range={range} now={now} />
      )}
      {data.transitions.length > 0 && (
        <ol className="mt-3 flex flex-col gap-0.5 text-xs" data-testid="host-transitions">
          {data.transitions.map((t) => (
            <li key={t.t} className="flex gap-2">
              <span className="tabular-nums text-slate-600 dark:text-slate-300">{new Date(t.t).toLocaleTimeString('en-GB')}</span>
              <span>{t.from ? `${t.from} → ${t.to}` : `first seen in ${t.to}`}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Missing({ message }: { message: string }) {
  return (
    <Card>
      <h1 className="mb-2 text-xl font-semibold">Host not shown</h1>
      <p role="alert" className="text-sm">
        {message}{' '}
        <Link className="text-sky-800 underline dark:text-sky-300" href="/">
          Back to the fleet
        </Link>
      </p>
    </Card>
  );
}

/** One host: its error, timeline, status, spec, hardware, conditions, events and YAML, with the same actions as the table. */
export function HostDetail({ namespace, name }: { namespace: string; name: string }) {
  const fleet = useFleet();
  const view = fleet?.index.get(`${namespace}/${name}`);
  const detail = useHostDetail(namespace, name, view);
  const now = useNow();
  const inFleet = (ns: string, n: string) => fleet?.index.get(`${ns}/${n}`) !== undefined;

  if (detail.isPending)
    return (
      <p className="p-4 text-sm text-slate-600">
        Loading {namespace}/{name}…
      </p>
    );
  if (detail.isError || !detail.data)
    return <Missing message={fleet && !view ? `${namespace}/${name} does not exist (any more).` : (detail.error?.message ?? 'Could not load this host.')} />;
  const data = detail.data;
  return (
    <div className="flex flex-col gap-4">
      <HostHeading data={data} />
      <HostError host={data.host} />
      {view && <SelectionActions selected={[view]} onDone={() => void detail.refetch()} />}
      <TimelineCard data={data} now={now} />
      <div className="grid gap-4 lg:grid-cols-2">
        <StatusCard host={data.host} now={now} />
        <SpecCard host={data.host} now={now} inFleet={inFleet} />
        <HardwareCard host={data.host} />
        <ConditionsCard host={data.host} now={now} />
      </div>
      <EventsCard events={data.events} now={now} />
      <HostYamlCard host={data.host} />
    </div>
  );
}
