'use client';
import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { timeTick, type ChartRow } from './series-data';

/** State transitions per second, as the watch saw them: the fleet's throughput. */
export const TransitionsChart = memo(function TransitionsChart({ rows }: { rows: ChartRow[] }) {
  return (
    <div className="h-40" data-testid="chart-transitions">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 160 }}>
        <AreaChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={timeTick} fontSize={11} minTickGap={40} />
          <YAxis fontSize={11} width={48} />
          <Tooltip
            labelFormatter={(t) => timeTick(Number(t))}
            formatter={(v) => [`${Number(v).toFixed(1)}/s`, 'transitions']}
            contentStyle={{ fontSize: 12 }}
          />
          <Area type="monotone" dataKey="transitions" stroke="#0284c7" fill="#0284c7" fillOpacity={0.3} isAnimationActive={false} dot={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
