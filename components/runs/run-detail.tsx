'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { RunReport } from '@/lib/runs/report';
import type { RunView } from '@/lib/runs/view';
import { Card, CardTitle } from '../ui/card';
import { Button } from '../ui/button';
import { fmtSeconds } from './chart-data';
import { lineStyle, ThroughputChart, TimeToNChart, TwinRatesChart } from './run-charts';
import { BottleneckTable, PhaseTable, StuckAndErrors, ThresholdTable } from './run-tables';
import { postJson, runQuery } from './run-api';
import { StatusBadge } from './status-badge';

function PhaseProgress({ run }: { run: RunView }) {
  return (
    <ul className="flex flex-col gap-2">
      {run.phases.map((p) => {
        const percent = p.numHosts ? Math.round((p.reached / p.numHosts) * 100) : 0;
        return (
          <li key={p.name} className="text-sm" data-testid="phase-progress" data-phase={p.name} data-reached={p.reached} data-hosts={p.numHosts}>
            <div className="flex justify-between">
              <span>
                {p.name} <span className="text-xs text-slate-500">→ {p.target}</span>
              </span>
              <span className="tabular-nums text-slate-600 dark:text-slate-300">
                {p.reached.toLocaleString('en')} / {p.numHosts.toLocaleString('en')}
              </span>
            </div>
            <div
              className="mt-1 h-2 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
              role="progressbar"
              aria-label={`${p.name} progress`}
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <div className="h-full bg-sky-500 transition-[width]" style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Controls({ run }: { run: RunView }) {
  const client = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = async (cleanup: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await postJson(`/api/runs/${run.id}/cancel`, { cleanup });
      await client.invalidateQueries({ queryKey: ['run', run.id] });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const running = run.status === 'running';
  return (
    <div className="flex flex-wrap items-center gap-2">
      {running && (
        <Button variant="danger" size="sm" onClick={() => act(false)} disabled={busy} data-testid="run-cancel">
          Cancel (keep its hosts)
        </Button>
      )}
      {!run.cleanedUp && run.alive > 0 && (
        <Button size="sm" onClick={() => act(true)} disabled={busy} data-testid="run-cleanup">
          {running ? 'Cancel and delete its hosts' : `Delete its ${run.alive} remaining hosts`}
        </Button>
      )}
      {(['json', 'jsonl', 'csv'] as const).map((ext) => (
        <a
          key={ext}
          className="text-sm text-sky-700 hover:underline dark:text-sky-400"
          href={`/api/runs/${run.id}/report.${ext}`}
          download
          data-testid={`download-${ext}`}
        >
          report.{ext}
        </a>
      ))}
      {error && <span className="text-sm text-rose-600">{error}</span>}
    </div>
  );
}

function Summary({ run, report, leftBehind }: { run: RunView; report: RunReport; leftBehind: string[] }) {
  const twin = report.settings.twin;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <StatusBadge status={run.status} />
        <span className="tabular-nums">{fmtSeconds(run.durationSeconds)}</span>
        {run.stepText && (
          <span data-testid="run-step">
            step {run.step! + 1} of {run.steps}: {run.stepText}
          </span>
        )}
        <span className="text-slate-500">
          {run.created.toLocaleString('en')} hosts created in {run.namespace}, {run.alive.toLocaleString('en')} still there
          {run.cleanedUp ? ' (cleaned up)' : ''}
        </span>
      </div>
      {leftBehind.length > 0 && (
        <details data-testid="left-behind">
          <summary className="cursor-pointer">{leftBehind.length.toLocaleString('en')} hosts the run created are still there</summary>
          <p className="max-h-32 overflow-auto font-mono text-xs">{leftBehind.join(' ')}</p>
        </details>
      )}
      {run.reason && (
        <p className="text-rose-700 dark:text-rose-400" data-testid="run-reason">
          {run.reason}
        </p>
      )}
      <p className="text-xs text-slate-500" data-testid="run-settings">
        {report.settings.cluster.mode === 'embedded' ? 'embedded cluster' : `context ${report.settings.cluster.context}`} ({report.settings.cluster.server}) ·
        Fleetscope {report.settings.fleetscopeVersion} ·{' '}
        {twin === 'unknown' ? 'operator: unknown (a real BMO)' : `twin ${twin.profile}, ${run.settings.limits}`}
      </p>
    </div>
  );
}

/** One run, live while it goes on: step, progress, curves, numbers, bottlenecks, downloads. */
export function RunDetail({ id }: { id: string }) {
  const { data, error } = useQuery(runQuery(id));
  if (error) return <p className="text-rose-600">{error.message}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading run…</p>;
  const { run, report, leftBehind } = data;
  const lines = report.phases.map((p, i) => ({ key: p.name, label: p.name, curve: p.curve, ...lineStyle(i) }));
  return (
    <div className="flex flex-col gap-4" data-testid="run-detail" data-status={run.status}>
      <Card aria-label="Run">
        <CardTitle aside={<Controls run={run} />}>
          <span data-testid="run-name">{run.name}</span> <span className="font-mono text-xs normal-case">{run.id}</span>
        </CardTitle>
        <Summary run={run} report={report} leftBehind={leftBehind} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-[24rem_minmax(0,1fr)]">
        <Card aria-label="Progress">
          <CardTitle>Progress per phase</CardTitle>
          <PhaseProgress run={run} />
        </Card>
        <Card aria-label="Time to N">
          <CardTitle>Hosts at the target over time</CardTitle>
          <TimeToNChart lines={lines} />
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-label="Throughput">
          <CardTitle>Throughput (hosts/min)</CardTitle>
          <ThroughputChart lines={lines} />
        </Card>
        <Card aria-label="Bottlenecks">
          <CardTitle>What paced the run</CardTitle>
          <BottleneckTable bottleneck={report.bottleneck} />
          {report.bottleneck.rates.length > 0 && <TwinRatesChart rates={report.bottleneck.rates} />}
        </Card>
      </div>
      <Card aria-label="Report">
        <CardTitle>Report</CardTitle>
        <PhaseTable phases={report.phases} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-label="Thresholds">
          <CardTitle>Thresholds</CardTitle>
          <ThresholdTable thresholds={report.thresholds} />
        </Card>
        <Card aria-label="Stuck hosts and errors">
          <CardTitle>Stuck hosts and errors</CardTitle>
          <StuckAndErrors phases={report.phases} />
        </Card>
      </div>
    </div>
  );
}
