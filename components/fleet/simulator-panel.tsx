'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, keys, sendJson } from '@/lib/client/queries';
import type { FailureStage, LimitPresetSummary, ProfileName, SettingsPatch, SimulatorResponse, TwinLimits } from '@/lib/api/contract';
import { FAILURE_STAGES } from '@/lib/api/limits';
import { bottleneck, checkLimit, checkPercent, formatPercent, type Checked, type LimitField } from './simulator-input';
import { useCluster, useReadonly } from './use-fleet';

const input = 'h-8 w-20 rounded-md border border-slate-300 bg-white px-2 text-xs tabular-nums dark:border-slate-600 dark:bg-slate-800';
const LIMIT_TITLES: Record<LimitField, string> = {
  concurrency: 'reconcile workers (BMO_CONCURRENCY / --controller-concurrency)',
  qps: 'client QPS (--kube-api-qps)',
  burst: 'client burst (--kube-api-burst)',
};
const sameLimits = (a: TwinLimits, b: TwinLimits) => a.concurrency === b.concurrency && a.qps === b.qps && a.burst === b.burst;

/** A number field that applies on blur or Enter, and refuses what `check` refuses with its message. */
function NumberField(props: {
  label: string;
  title?: string;
  applied: string;
  disabled: boolean;
  testId: string;
  check: (text: string) => Checked;
  apply: (value: number) => void;
  onRefused: (message?: string) => void;
}) {
  const commit = (el: HTMLInputElement) => {
    if (el.value === props.applied) return props.onRefused(undefined);
    const checked = props.check(el.value);
    if (!checked.ok) {
      props.onRefused(checked.message);
      el.value = props.applied; // show what is applied, not what was refused
      return;
    }
    props.onRefused(undefined);
    props.apply(checked.value);
  };
  return (
    <label className="flex flex-col gap-0.5 text-slate-500" title={props.title}>
      {props.label}
      <input
        className={input}
        inputMode="decimal"
        disabled={props.disabled}
        defaultValue={props.applied}
        key={props.applied}
        onBlur={(e) => commit(e.currentTarget)}
        onKeyDown={(e) => e.key === 'Enter' && commit(e.currentTarget)}
        data-testid={props.testId}
      />
    </label>
  );
}

/** Reads the twin's state (polled while there is one) and applies a patch to its settings. */
function useSimulator() {
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
  return { state, update };
}

type Patch = (patch: SettingsPatch) => void;

/** The timing profile, with the chosen one's description. */
function ProfileSelect({ data, profile, disabled, patch }: { data: SimulatorResponse; profile: ProfileName; disabled: boolean; patch: Patch }) {
  return (
    <label className="flex flex-col gap-1 font-medium text-slate-600 dark:text-slate-300">
      Timing profile
      <select
        className={`${input} w-full`}
        value={profile}
        disabled={disabled}
        onChange={(e) => patch({ profile: e.target.value as ProfileName })}
        data-testid="sim-profile"
      >
        {data.profiles.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <span className="font-normal text-slate-500">{data.profiles.find((p) => p.name === profile)?.description}</span>
    </label>
  );
}

/** A failure rate per stage, in percent. */
function FailureRates(props: { rates: Record<FailureStage, number>; disabled: boolean; patch: Patch; onRefused: (message?: string) => void }) {
  const { rates, disabled, patch, onRefused: setRefused } = props;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-medium text-slate-600 dark:text-slate-300">Failure rate per stage (%)</legend>
      <div className="grid grid-cols-3 gap-2">
        {FAILURE_STAGES.map((stage) => (
          <NumberField
            key={stage}
            label={stage}
            applied={formatPercent(rates[stage])}
            disabled={disabled}
            testId={`sim-fail-${stage}`}
            check={checkPercent}
            apply={(value) => patch({ failureRates: { [stage]: value } })}
            onRefused={setRefused}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** BMO's limits: the presets, then each limit on its own. */
function LimitsFieldset(props: { presets: LimitPresetSummary[]; limits: TwinLimits; disabled: boolean; patch: Patch; onRefused: (message?: string) => void }) {
  const { presets, limits, disabled, patch, onRefused: setRefused } = props;
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 font-medium text-slate-600 dark:text-slate-300">BMO limits (0 = none)</legend>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Limit presets">
        {presets.map((p) => (
          <button
            key={p.name}
            type="button"
            className="rounded-md border border-slate-300 px-2 py-1 text-slate-700 aria-pressed:border-sky-700 aria-pressed:bg-sky-50 aria-pressed:text-sky-900 disabled:opacity-50 dark:border-slate-600 dark:text-slate-200 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-100"
            aria-pressed={sameLimits(p.limits, limits)}
            title={p.description}
            disabled={disabled}
            onClick={() => patch({ limitsPreset: p.name })}
            data-testid={`sim-limits-${p.name}`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="grid grid-cols-3 gap-2">
        {(['concurrency', 'qps', 'burst'] as const).map((limit) => (
          <NumberField
            key={limit}
            label={limit === 'concurrency' ? 'workers' : limit}
            title={LIMIT_TITLES[limit]}
            applied={String(limits[limit])}
            disabled={disabled}
            testId={`sim-limit-${limit}`}
            check={(text) => checkLimit(limit, text)}
            apply={(value) => patch({ limits: { [limit]: value } })}
            onRefused={setRefused}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** What holds the twin back now, and what it has done so far. */
function TwinStatsLine({ data, limits }: { data: SimulatorResponse; limits: TwinLimits }) {
  const waiting = bottleneck(data.stats, limits);
  const pending = Object.entries(data.pending ?? {}).filter(([, n]) => n > 0);
  return (
    <>
      {waiting && (
        <p
          role="status"
          className="rounded-md bg-amber-50 px-2 py-1 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          data-testid="sim-bottleneck"
        >
          {waiting}
        </p>
      )}
      <p className="text-slate-500" data-testid="sim-stats">
        {data.stats?.transitions.toLocaleString('en')} transitions, {data.stats?.writes.toLocaleString('en')} API writes
        {data.stats?.failedWrites ? `, ${data.stats.failedWrites} failed` : ''}
        {pending.length > 0 && ` · waiting: ${pending.map(([stage, n]) => `${n} ${stage}`).join(', ')}`}
      </p>
    </>
  );
}

/** The BMO twin's knobs, applied live: timing profile, failure rate per stage, BMO's limits. */
export function SimulatorPanel() {
  const readonly = useReadonly();
  const twinOff = useCluster()?.twinOff;
  const [refused, setRefused] = useState<string>();
  const { state, update } = useSimulator();
  const data = state.data;
  if (state.isPending) return <p className="text-sm text-slate-500">Loading the simulator…</p>;
  if (state.isError)
    return (
      <p role="alert" className="text-sm text-rose-600">
        {state.error.message}
      </p>
    );
  if (!data?.available || !data.settings) {
    if (twinOff)
      return (
        <p className="text-sm text-slate-500" data-testid="twin-off">
          The BMO twin is off: {twinOff}.
        </p>
      );
    return <p className="text-sm text-slate-500">No BMO twin runs here: a real BMO drives these hosts, so there is nothing to simulate.</p>;
  }
  const s = data.settings;
  const disabled = readonly || update.isPending;
  return (
    <div className="flex flex-col gap-3 text-xs" aria-label="Simulator">
      <ProfileSelect data={data} profile={s.profile} disabled={disabled} patch={update.mutate} />
      <FailureRates rates={s.failureRates} disabled={disabled} patch={update.mutate} onRefused={setRefused} />
      <LimitsFieldset presets={data.limitPresets ?? []} limits={s.limits} disabled={disabled} patch={update.mutate} onRefused={setRefused} />
      {refused && (
        <p role="alert" className="text-rose-700 dark:text-rose-300" data-testid="sim-refused">
          {refused}
        </p>
      )}
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={s.sharedFixture} disabled={disabled} onChange={(e) => update.mutate({ sharedFixture: e.target.checked })} />
        Shared fixture state (BMO test mode&apos;s quirk: one fixture for all hosts, so only the first inspection and image write wait)
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={s.events} disabled={disabled} onChange={(e) => update.mutate({ events: e.target.checked })} />
        Create Events with BMO&apos;s reasons
      </label>
      <TwinStatsLine data={data} limits={s.limits} />
      {update.isError && (
        <p role="alert" className="text-rose-600">
          {update.error.message}
        </p>
      )}
    </div>
  );
}
