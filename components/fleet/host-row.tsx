'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, type CSSProperties, type ReactNode } from 'react';
import type { HostView } from '@/lib/bmh/host-view';
import { splitForMiddleEllipsis, type Column } from '@/lib/client/table-columns';
import { humanDuration } from '@/lib/bmh/human-duration';
import { cn } from '../ui/cn';
import { stateColor } from './state-style';

export const hostHref = (host: { namespace: string; name: string }) => `/hosts/${encodeURIComponent(host.namespace)}/${encodeURIComponent(host.name)}`;

/**
 * A link to a host's page that fetches it on intent (pointer over it, keyboard focus), not as
 * it scrolls into view: Next's default prefetched every row of a scroll through the table.
 */
export function HostLink({ host, className, children }: { host: { namespace: string; name: string }; className?: string; children: ReactNode }) {
  const router = useRouter();
  const href = hostHref(host);
  const intent = () => router.prefetch(href);
  return (
    <Link href={href} prefetch={false} onPointerEnter={intent} onFocus={intent} className={cn('text-sky-800 hover:underline dark:text-sky-300', className)}>
      {children}
    </Link>
  );
}

/** The head of a long value may shrink away; its tail stays (for BMC addresses that is where hosts differ). */
export function MiddleEllipsis({ text }: { text: string }) {
  const [head, tail] = splitForMiddleEllipsis(text);
  return (
    <span className="flex min-w-0" title={text}>
      <span className="truncate">{head}</span>
      <span className="shrink-0 whitespace-pre">{tail}</span>
    </span>
  );
}

/** A host's error, readable without a mouse: a button (Tab, Enter) opens the full message. */
export function ErrorButton({ host, compact }: { host: HostView; compact?: boolean }) {
  const id = useId();
  if (!host.errorType && host.operationalStatus !== 'error') return null;
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        aria-label={`${host.name}: ${host.errorType || 'error'}: ${host.errorMessage || 'no message'}`}
        className={cn(
          'min-w-0 truncate rounded text-left text-rose-700 underline decoration-dotted dark:text-rose-300',
          compact && 'shrink-0 px-1 font-bold no-underline',
        )}
        data-testid="error-button"
      >
        {compact ? '!' : host.errorType || 'error'}
      </button>
      <div
        id={id}
        popover="auto"
        role="dialog"
        aria-label={`Error of ${host.name}`}
        className="m-auto max-w-md rounded-lg border border-rose-300 bg-white p-3 text-sm text-slate-900 shadow-xl dark:border-rose-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <p className="font-semibold text-rose-800 dark:text-rose-300">
          {host.namespace}/{host.name}: {host.errorType || 'error'} ({host.errorCount}×)
        </p>
        <p className="mt-1 break-words" data-testid="error-message">
          {host.errorMessage || 'BMO gave no message.'}
        </p>
        <HostLink host={host} className="mt-2 inline-block text-xs">
          Open the host
        </HostLink>
      </div>
    </>
  );
}

function Cell({ column, host, now }: { column: Column; host: HostView; now: number }) {
  switch (column.key) {
    case 'name':
      return (
        <span className="truncate font-medium">
          <HostLink host={host}>{host.name}</HostLink>
          {host.deleting && <span className="ml-1 text-rose-700 dark:text-rose-300">(deleting)</span>}
        </span>
      );
    case 'namespace':
      return <span className="truncate text-slate-600 dark:text-slate-300">{host.namespace}</span>;
    case 'operationalStatus':
      return (
        <span className={cn('truncate', host.operationalStatus === 'error' && 'font-semibold text-rose-700 dark:text-rose-300')}>
          {host.operationalStatus || '—'}
        </span>
      );
    case 'state':
      return (
        <span className="flex min-w-0 items-center gap-1.5">
          <span className="inline-block size-2 shrink-0 rounded-full" style={{ background: stateColor(host.state) }} aria-hidden />
          <span className="truncate">{host.state}</span>
        </span>
      );
    case 'consumer':
      return <span className="truncate">{host.consumer}</span>;
    case 'bmcAddress':
      return (
        <span className="min-w-0 font-mono text-[11px]">
          <MiddleEllipsis text={host.bmcAddress} />
        </span>
      );
    case 'online':
      return <span>{host.online ? 'true' : 'false'}</span>;
    case 'poweredOn':
      return (
        <span className={host.poweredOn ? 'text-emerald-800 dark:text-emerald-300' : 'text-slate-600 dark:text-slate-300'}>
          {host.poweredOn ? 'on' : 'off'}
        </span>
      );
    case 'errorType':
      return <ErrorButton host={host} />;
    case 'bootMACAddress':
      return <span className="truncate font-mono text-[11px]">{host.bootMACAddress}</span>;
    case 'created':
      return <span className="tabular-nums">{humanDuration(now - host.created)}</span>;
    case 'lastTransition':
      return <span className="tabular-nums">{humanDuration(now - host.lastTransition)}</span>;
    default:
      return null;
  }
}

/** One host as a row of the shown columns; with the Error column hidden, the state cell carries the error button. */
export function HostRow(props: {
  host: HostView;
  columns: Column[];
  grid: string;
  errorInState: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  now: number;
  style: CSSProperties;
  height: number;
}) {
  const { host, columns, selected } = props;
  return (
    <div
      role="row"
      data-testid="host-row"
      data-host={`${host.namespace}/${host.name}`}
      data-state={host.state}
      aria-selected={selected}
      className={cn(
        'absolute left-0 grid w-full items-center gap-x-2 border-b border-slate-100 px-2 text-xs dark:border-slate-800',
        selected ? 'bg-sky-50 dark:bg-sky-950/50' : 'hover:bg-slate-50 dark:hover:bg-slate-800/60',
      )}
      style={{ ...props.style, gridTemplateColumns: props.grid, height: props.height }}
    >
      {columns.map((column) =>
        column.key === 'select' ? (
          <span role="gridcell" key="select">
            <input type="checkbox" checked={selected} onChange={(e) => props.onSelect(e.target.checked)} aria-label={`Select ${host.name}`} />
          </span>
        ) : (
          <span role="gridcell" key={column.key} className="flex min-w-0 items-center gap-1">
            <Cell column={column} host={host} now={props.now} />
            {column.key === 'state' && props.errorInState && <ErrorButton host={host} compact />}
          </span>
        ),
      )}
    </div>
  );
}
