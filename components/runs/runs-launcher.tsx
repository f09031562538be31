'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { parse, parseDocument } from 'yaml';
import { Button } from '../ui/button';
import { QuickFormFields, scenarioFrom } from './quick-form';
import { ApiError, postJson } from './run-api';
import type { RunView } from '@/lib/runs/view';

export interface PresetOption {
  file: string;
  name: string;
  description: string;
  text: string;
}

const LIMIT_CHOICES = [
  ['', "the twin's current limits"],
  ['bmo', "BMO's defaults: 8 workers, 20 QPS, burst 30"],
  ['tuned', 'tuned: 100 workers, 200 QPS, burst 300'],
  ['unlimited', 'unlimited'],
] as const;

/** Sets or removes `twin.limits` in the scenario text, keeping the rest (and its comments). */
export function withLimits(text: string, limits: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  if (limits) doc.setIn(['twin', 'limits'], limits);
  else if (doc.hasIn(['twin', 'limits'])) {
    doc.deleteIn(['twin', 'limits']);
    const twin = doc.getIn(['twin']) as { items?: unknown[] } | undefined;
    if (twin?.items?.length === 0) doc.deleteIn(['twin']);
  }
  return doc.toString();
}

function limitsIn(text: string): string {
  try {
    const value = parseDocument(text).getIn(['twin', 'limits']);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

function PresetList({ presets, onPick }: { presets: PresetOption[]; onPick: (text: string) => void }) {
  return (
    <ul className="flex flex-col gap-2">
      {presets.map((p) => (
        <li key={p.file}>
          <button
            type="button"
            className="w-full rounded-md border border-slate-200 p-2 text-left text-sm hover:border-sky-500 dark:border-slate-700"
            data-testid={`preset-${p.file.replace(/\.yaml$/, '')}`}
            onClick={() => onPick(p.text)}
          >
            <span className="font-medium">{p.name}</span>
            <span className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">{p.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Start a run: a preset or the quick form fills the scenario, which can be edited before starting. */
export function RunsLauncher({ presets, readonly }: { presets: PresetOption[]; readonly: boolean }) {
  const router = useRouter();
  const [text, setText] = useState(presets[0]?.text ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const limits = limitsIn(text);

  const start = async () => {
    setError(undefined);
    let body: unknown;
    try {
      body = parse(text);
    } catch (e) {
      setError(new ApiError(`the scenario is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`));
      return;
    }
    setBusy(true);
    try {
      const { run } = await postJson<{ run: RunView }>('/api/runs', body);
      router.push(`/runs/${run.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e)));
      setBusy(false);
    }
  };

  return (
    <div className="grid gap-4 lg:grid-cols-[22rem_minmax(0,1fr)]">
      <div className="flex flex-col gap-3">
        <h3 className="text-xs font-semibold text-slate-500 uppercase">Presets</h3>
        <PresetList presets={presets} onPick={setText} />
        <QuickFormFields onFill={(form) => setText(scenarioFrom(form, limits))} />
      </div>
      <div className="flex flex-col gap-2">
        <label className="flex flex-wrap items-center gap-2 text-sm">
          Twin limits for this run
          <select
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
            value={limits}
            data-testid="run-limits"
            onChange={(e) => setText(withLimits(text, e.target.value))}
          >
            {LIMIT_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Scenario (YAML or JSON)
          <textarea
            className="h-80 rounded border border-slate-300 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
            spellCheck={false}
            value={text}
            data-testid="run-scenario"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {error && (
          <p className="text-sm text-rose-600" role="alert" data-testid="run-error" data-field={error.field}>
            {error.message}
          </p>
        )}
        <div>
          <Button
            variant="primary"
            onClick={start}
            disabled={busy || readonly}
            data-testid="run-start"
            title={readonly ? 'read-only: no runs can start' : undefined}
          >
            {busy ? 'Starting…' : 'Start run'}
          </Button>
        </div>
      </div>
    </div>
  );
}
