'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RatePoint } from '@/lib/runs/bottleneck';
import { bucketFor, colorOf, curvePoints, RUN_DASHES, throughputPoints } from './chart-data';

export interface CurveLine {
  key: string;
  label: string;
  curve: [number, number][];
  color: string;
  dash?: string;
}

const tick = (v: number) => String(Math.round(v * 10) / 10);
const axisLabel = (value: string) => ({ value, position: 'insideBottomRight' as const, offset: -2, fontSize: 11 });

function Frame({ children, testId }: { children: React.ReactElement; testId: string }) {
  return (
    <div className="h-64" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** Hosts at the target over time since each phase's first write: one line per phase (and per run when compared). */
export function TimeToNChart({ lines, testId = 'chart-time-to-n' }: { lines: CurveLine[]; testId?: string }) {
  return (
    <Frame testId={testId}>
      <LineChart margin={{ top: 4, right: 16, bottom: 12, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis dataKey="s" type="number" domain={[0, 'dataMax']} tickFormatter={tick} fontSize={11} label={axisLabel('seconds since the phase began')} />
        <YAxis dataKey="n" allowDecimals={false} fontSize={11} width={48} />
        <Tooltip contentStyle={{ fontSize: 12 }} labelFormatter={(s) => `${s} s`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {lines.map((l) => (
          <Line
            key={l.key}
            name={l.label}
            data={curvePoints(l.curve)}
            dataKey="n"
            type="stepAfter"
            stroke={l.color}
            strokeDasharray={l.dash}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Frame>
  );
}

/** Hosts per minute reaching each phase's target, in buckets. */
export function ThroughputChart({ lines }: { lines: CurveLine[] }) {
  const longest = Math.max(1, ...lines.map((l) => l.curve[l.curve.length - 1]?.[0] ?? 0));
  const bucket = bucketFor(longest);
  return (
    <Frame testId="chart-throughput">
      <LineChart margin={{ top: 4, right: 16, bottom: 12, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis dataKey="s" type="number" domain={[0, 'dataMax']} fontSize={11} label={axisLabel(`seconds (bars of ${bucket} s)`)} />
        <YAxis dataKey="rate" fontSize={11} width={48} />
        <Tooltip contentStyle={{ fontSize: 12 }} labelFormatter={(s) => `${s} s`} formatter={(v) => [`${v} hosts/min`]} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {lines.map((l) => (
          <Line
            key={l.key}
            name={l.label}
            data={throughputPoints(l.curve, bucket)}
            dataKey="rate"
            type="stepAfter"
            stroke={l.color}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </Frame>
  );
}

/** The twin's writes per second and queue depth over the run. */
export function TwinRatesChart({ rates }: { rates: RatePoint[] }) {
  const hasQueue = rates.some((r) => r.queueDepth !== null);
  return (
    <Frame testId="chart-twin-rates">
      <LineChart data={rates} margin={{ top: 4, right: 16, bottom: 12, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
        <XAxis dataKey="s" type="number" domain={['dataMin', 'dataMax']} tickFormatter={tick} fontSize={11} label={axisLabel('seconds since the run began')} />
        <YAxis fontSize={11} width={48} />
        <Tooltip contentStyle={{ fontSize: 12 }} labelFormatter={(s) => `${s} s`} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Line name="twin writes/s" dataKey="writesPerSecond" stroke={colorOf(0)} dot={false} isAnimationActive={false} />
        {hasQueue && <Line name="queue depth" dataKey="queueDepth" stroke={colorOf(4)} dot={false} isAnimationActive={false} />}
      </LineChart>
    </Frame>
  );
}

export const lineStyle = (phaseIndex: number, runIndex = 0) => ({ color: colorOf(phaseIndex), dash: RUN_DASHES[runIndex % RUN_DASHES.length] || undefined });
