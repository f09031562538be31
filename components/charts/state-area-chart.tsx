'use client';
import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { stateColor } from '../fleet/state-style';
import { timeTick, type ChartRow } from './series-data';

/** Hosts per state over time, stacked: how a storm moves through the lifecycle. */
export const StateAreaChart = memo(function StateAreaChart({ rows, states }: { rows: ChartRow[]; states: string[] }) {
  return (
    <div className="h-64" data-testid="chart-states">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
        <AreaChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={timeTick} fontSize={11} minTickGap={40} />
          <YAxis allowDecimals={false} fontSize={11} width={48} />
          <Tooltip labelFormatter={(t) => timeTick(Number(t))} contentStyle={{ fontSize: 12 }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {states.map((state) => (
            <Area
              key={state}
              type="stepAfter"
              dataKey={state}
              stackId="hosts"
              stroke={stateColor(state)}
              fill={stateColor(state)}
              fillOpacity={0.55}
              isAnimationActive={false}
              dot={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
});
