'use client';
import { humanDuration } from '@/lib/bmh/human-duration';
import { stateColor } from '../fleet/state-style';
import { type PhaseBar, type StateSpan } from './timeline';

const PHASE_COLORS: Record<string, string> = { register: '#0ea5e9', inspect: '#6366f1', provision: '#f59e0b', deprovision: '#f97316' };
const FAILED = '#be123c';
const time = (t: number) => new Date(t).toLocaleTimeString('en-GB');

/**
 * One host's life on a time axis: a lane per BMO operation (from operationHistory) and a lane
 * of the states the dashboard watched it pass through.
 */
export function HostTimeline({ bars, spans, range, now }: { bars: PhaseBar[]; spans: StateSpan[]; range: [number, number]; now: number }) {
  const [from, to] = range;
  const x = (t: number) => `${(((t - from) / (to - from)) * 100).toFixed(3)}%`;
  const w = (a: number, b: number) => `${Math.max(0.4, ((b - a) / (to - from)) * 100).toFixed(3)}%`;
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="host-timeline">
      {bars.map((bar) => (
        <div
          key={bar.phase}
          className="grid grid-cols-[6.5rem_1fr] items-center gap-2"
          data-testid="timeline-phase"
          data-phase={bar.phase}
          data-failed={bar.failed ? 'true' : undefined}
        >
          <span className={bar.failed ? 'text-right font-semibold text-rose-700 dark:text-rose-300' : 'text-right text-slate-600 dark:text-slate-300'}>
            {bar.phase}
            {bar.failed ? ' failed' : ''}
          </span>
          <div className="relative h-5 rounded bg-slate-100 dark:bg-slate-800">
            <div
              className="absolute top-0 h-5 rounded"
              style={{
                left: x(bar.start),
                width: w(bar.start, bar.end ?? now),
                background: bar.failed ? `repeating-linear-gradient(135deg, ${FAILED} 0 6px, #fda4af 6px 12px)` : PHASE_COLORS[bar.phase],
                opacity: bar.end || bar.failed ? 1 : 0.6,
              }}
              title={`${bar.phase}: ${time(bar.start)} → ${bar.end ? time(bar.end) : bar.failed ? 'failed' : 'running'} (${humanDuration((bar.end ?? now) - bar.start)})`}
            />
          </div>
        </div>
      ))}
      {spans.length > 0 && (
        <div className="grid grid-cols-[6.5rem_1fr] items-center gap-2">
          <span className="text-right text-slate-600 dark:text-slate-300">states seen</span>
          <div className="relative h-5 rounded bg-slate-100 dark:bg-slate-800">
            {spans.map((span) => (
              <div
                key={`${span.state}-${span.start}`}
                className="absolute top-0 h-5 border-r border-white/70 dark:border-slate-900/70"
                style={{ left: x(span.start), width: w(span.start, span.end ?? now), background: stateColor(span.state) }}
                title={`${span.state} from ${time(span.start)} (${humanDuration((span.end ?? now) - span.start)})`}
              />
            ))}
          </div>
        </div>
      )}
      {bars
        .filter((bar) => bar.failed)
        .map((bar) => (
          <p key={`failed-${bar.phase}`} className="text-rose-800 dark:text-rose-300" data-testid="timeline-failure">
            {bar.phase} failed at {time(bar.start)}: {bar.failed}
          </p>
        ))}
      <div className="grid grid-cols-[6.5rem_1fr] gap-2 text-[11px] text-slate-600 dark:text-slate-400">
        <span />
        <span className="flex justify-between">
          <span>{time(from)}</span>
          <span>{time(to)}</span>
        </span>
      </div>
    </div>
  );
}
