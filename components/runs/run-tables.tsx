import type { PhaseReport } from '@/lib/runs/metrics';
import type { BottleneckReport, RunReport } from '@/lib/runs/report';
import { fmtNumber, fmtSeconds, fmtShare } from './chart-data';

const th = 'px-2 py-1 text-left font-medium';
const td = 'px-2 py-1 tabular-nums';

const ROWS: [string, (p: PhaseReport) => string][] = [
  ['hosts', (p) => `${p.reached} / ${p.numHosts}`],
  ['duration', (p) => fmtSeconds(p.durationSeconds)],
  ['hosts/min', (p) => fmtNumber(p.throughputHostsPerMin)],
  ['time to 50 %', (p) => fmtSeconds(p.t50Seconds)],
  ['time to 90 %', (p) => fmtSeconds(p.t90Seconds)],
  ['time to 99 %', (p) => fmtSeconds(p.t99Seconds)],
  ['time to 100 %', (p) => fmtSeconds(p.t100Seconds)],
  ['per host p50', (p) => fmtSeconds(p.p50Seconds)],
  ['per host p95', (p) => fmtSeconds(p.p95Seconds)],
  ['per host p99', (p) => fmtSeconds(p.p99Seconds)],
  ['per host max', (p) => fmtSeconds(p.maxSeconds)],
  [
    'passed through',
    (p) =>
      Object.entries(p.intermediate)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ') || '–',
  ],
  [
    'errors',
    (p) =>
      p.errors
        ? Object.entries(p.errorsByType)
            .map(([t, n]) => `${t}: ${n}`)
            .join(', ')
        : '0',
  ],
  ['stuck hosts', (p) => String(p.stuckHosts)],
];

/** Every phase's numbers, one column per phase. */
export function PhaseTable({ phases }: { phases: PhaseReport[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="phase-table">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th className={th} />
            {phases.map((p) => (
              <th key={p.name} className={th}>
                {p.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([label, cell]) => (
            <tr key={label} className="border-t border-slate-100 dark:border-slate-800">
              <th className={`${th} text-slate-500`}>{label}</th>
              {phases.map((p) => (
                <td key={p.name} className={td}>
                  {cell(p)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ThresholdTable({ thresholds }: { thresholds: RunReport['thresholds'] }) {
  if (thresholds.length === 0) return <p className="text-sm text-slate-500">No thresholds (or the run is still going on).</p>;
  return (
    <table className="w-full text-sm" data-testid="threshold-table">
      <tbody>
        {thresholds.map((t) => (
          <tr key={`${t.metric}${t.min}${t.max}`} className="border-t border-slate-100 dark:border-slate-800" data-pass={t.pass}>
            <td className={td}>
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${t.pass ? 'bg-emerald-100 text-emerald-900' : 'bg-rose-100 text-rose-900'}`}>
                {t.pass ? 'pass' : 'fail'}
              </span>
            </td>
            <td className="px-2 py-1 font-mono text-xs">{t.metric}</td>
            <td className={td}>{[t.min !== undefined ? `≥ ${t.min}` : '', t.max !== undefined ? `≤ ${t.max}` : ''].filter(Boolean).join(' and ')}</td>
            <td className={td}>{fmtNumber(t.value, 3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How much of each phase was paced by the rate limiter, and (newer twins) hosts' waiting for a worker or the limiter. */
export function BottleneckTable({ bottleneck }: { bottleneck: BottleneckReport }) {
  const waits = bottleneck.phases.some((p) => p.workerShare !== null);
  return (
    <div className="flex flex-col gap-2" data-testid="bottleneck">
      <p className="text-xs text-slate-600 dark:text-slate-400">{bottleneck.note}</p>
      {bottleneck.available && (
        <table className="w-full text-sm">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className={th}>phase</th>
              <th className={th}>time at the QPS limit</th>
              {waits && <th className={th}>waiting for a worker</th>}
              {waits && <th className={th}>waiting for the rate limiter</th>}
            </tr>
          </thead>
          <tbody>
            {bottleneck.phases.map((p) => (
              <tr key={p.phase} className="border-t border-slate-100 dark:border-slate-800" data-testid="bottleneck-row" data-phase={p.phase}>
                <td className={td}>{p.phase}</td>
                <td className={td}>{fmtShare(p.atQpsLimitShare)}</td>
                {waits && (
                  <td className={td}>
                    {fmtShare(p.workerShare)} <span className="text-xs text-slate-500">({fmtNumber(p.workerWaitSeconds)} s)</span>
                  </td>
                )}
                {waits && (
                  <td className={td}>
                    {fmtShare(p.limiterShare)} <span className="text-xs text-slate-500">({fmtNumber(p.limiterWaitSeconds)} s)</span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function StuckAndErrors({ phases }: { phases: PhaseReport[] }) {
  const stuck = phases.flatMap((p) => p.stuck.map((s) => ({ ...s, phase: p.name })));
  const errors = phases.flatMap((p) => Object.entries(p.errorsByType).map(([type, n]) => ({ phase: p.name, type, n })));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div data-testid="stuck-hosts">
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Stuck hosts</h3>
        {stuck.length === 0 ? (
          <p className="text-sm text-slate-500">None.</p>
        ) : (
          <ul className="max-h-48 overflow-auto font-mono text-xs">
            {stuck.map((s) => (
              <li key={`${s.phase}${s.host}`}>
                {s.host}: {s.state} for {fmtSeconds(s.seconds)} ({s.phase})
              </li>
            ))}
          </ul>
        )}
      </div>
      <div data-testid="run-errors">
        <h3 className="mb-1 text-xs font-semibold text-slate-500 uppercase">Errors</h3>
        {errors.length === 0 ? (
          <p className="text-sm text-slate-500">None.</p>
        ) : (
          <ul className="text-sm">
            {errors.map((e) => (
              <li key={`${e.phase}${e.type}`}>
                {e.phase}: {e.type} on {e.n} host{e.n === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
