'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, keys, sendJson } from '@/lib/client/queries';
import type { ProfileName, SettingsPatch, SimulatorResponse } from '@/lib/api/contract';
import { FAILURE_STAGES } from '@/lib/api/limits';
import { useReadonly } from './use-fleet';


const input = 'h-8 w-20 rounded-md border border-slate-300 bg-white px-2 text-xs tabular-nums dark:border-slate-600 dark:bg-slate-800';

/** The BMO twin's knobs, applied live: timing profile, failure rate per stage, BMO-like limits. */
export function SimulatorPanel() {
  const readonly = useReadonly();
  const qc = useQueryClient();
  const state = useQuery({
    queryKey: keys.simulator,
    queryFn: () => getJson<SimulatorResponse>('/api/simulator'),
    // The twin's queue moves; poll it only while there is a twin to show.
    refetchInterval: (query) => (query.state.data?.available === false ? false : 2000),
  });
  const update = useMutation({
    mutationFn: (patch: SettingsPatch) => sendJson<SimulatorResponse>('/api/simulator', patch, 'PUT'),
    onSuccess: (data) => qc.setQueryData(keys.simulator, data),
  });
  const data = state.data;
  if (state.isPending) return <p className="text-sm text-slate-500">Loading the simulator…</p>;
  if (state.isError) return <p role="alert" className="text-sm text-rose-600">{state.error.message}</p>;
  if (!data?.available || !data.settings) {
    return <p className="text-sm text-slate-500">No BMO twin runs here: a real BMO drives these hosts, so there is nothing to simulate.</p>;
  }
  const s = data.settings;
  const disabled = readonly || update.isPending;
  const pending = Object.entries(data.pending ?? {}).filter(([, n]) => n > 0);
  return (
    <div className="flex flex-col gap-3 text-xs" aria-label="Simulator">
      <label className="flex flex-col gap-1 font-medium text-slate-600 dark:text-slate-300">
        Timing profile
        <select className={`${input} w-full`} value={s.profile} disabled={disabled} onChange={(e) => update.mutate({ profile: e.target.value as ProfileName })} data-testid="sim-profile">
          {data.profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
        <span className="font-normal text-slate-500">{data.profiles.find((p) => p.name === s.profile)?.description}</span>
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium text-slate-600 dark:text-slate-300">Failure rate per stage (%)</legend>
        <div className="grid grid-cols-3 gap-2">
          {FAILURE_STAGES.map((stage) => (
            <label key={stage} className="flex flex-col gap-0.5 text-slate-500">
              {stage}
              <input
                className={input}
                type="number"
                min={0}
                max={100}
                step={1}
                disabled={disabled}
                defaultValue={Math.round(s.failureRates[stage] * 100)}
                key={`${stage}-${s.failureRates[stage]}`}
                onBlur={(e) => {
                  const value = Number(e.target.value);
                  if (Number.isFinite(value) && value >= 0 && value <= 100 && value / 100 !== s.failureRates[stage]) update.mutate({ failureRates: { [stage]: value / 100 } });
                }}
                data-testid={`sim-fail-${stage}`}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-medium text-slate-600 dark:text-slate-300">BMO limits (0 = none)</legend>
        <div className="grid grid-cols-3 gap-2">
          {(['concurrency', 'qps', 'burst'] as const).map((limit) => (
            <label key={limit} className="flex flex-col gap-0.5 text-slate-500" title={limit === 'concurrency' ? 'controller concurrency (BMO_CONCURRENCY)' : limit === 'qps' ? 'client QPS (--kube-api-qps)' : 'client burst (--kube-api-burst)'}>
              {limit}
              <input
                className={input}
                type="number"
                min={0}
                disabled={disabled}
                defaultValue={s.limits[limit]}
                key={`${limit}-${s.limits[limit]}`}
                onBlur={(e) => {
                  const value = Number(e.target.value);
                  if (Number.isInteger(value) && value >= 0 && value !== s.limits[limit]) update.mutate({ limits: { [limit]: value } });
                }}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={s.sharedFixture} disabled={disabled} onChange={(e) => update.mutate({ sharedFixture: e.target.checked })} />
        Shared fixture state (BMO test mode&apos;s quirk: only the first inspection and image write wait)
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={s.events} disabled={disabled} onChange={(e) => update.mutate({ events: e.target.checked })} />
        Create Events with BMO&apos;s reasons
      </label>
      <p className="text-slate-500" data-testid="sim-stats">
        {data.stats?.transitions.toLocaleString('en')} transitions, {data.stats?.writes.toLocaleString('en')} API writes
        {data.stats?.failedWrites ? `, ${data.stats.failedWrites} failed` : ''}
        {pending.length > 0 && ` · waiting: ${pending.map(([stage, n]) => `${n} ${stage}`).join(', ')}`}
      </p>
      {update.isError && <p role="alert" className="text-rose-600">{update.error.message}</p>}
    </div>
  );
}
