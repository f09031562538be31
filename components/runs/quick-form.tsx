'use client';
import { useState } from 'react';
import { stringify } from 'yaml';
import { Button } from '../ui/button';

export interface QuickForm {
  count: number;
  batch: number;
  provision: boolean;
  del: boolean;
}

export function scenarioFrom(form: QuickForm, limits: string): string {
  const batching = form.batch > 0 && form.batch < form.count ? { batch: form.batch } : {};
  const steps: object[] = [{ create: { count: form.count, ...batching } }, { waitFor: { state: 'available', timeoutSeconds: 1800 } }];
  if (form.provision) steps.push({ provision: batching }, { waitFor: { state: 'provisioned', timeoutSeconds: 1800 } });
  if (form.del) steps.push({ delete: batching }, { waitFor: { gone: true, timeoutSeconds: 1800 } });
  const what = [`${form.count} hosts`, ...(form.provision ? ['provision'] : []), ...(form.del ? ['delete'] : [])].join(', ');
  return stringify({ name: what, ...(limits ? { twin: { limits } } : {}), steps, thresholds: [{ metric: 'errors', max: 0 }] });
}

/** The quick form: hosts, batch size, provision and delete, turned into a scenario. */
export function QuickFormFields({ onFill }: { onFill: (form: QuickForm) => void }) {
  const [form, setForm] = useState<QuickForm>({ count: 100, batch: 50, provision: true, del: true });
  return (
    <>
      <h3 className="mt-2 text-xs font-semibold text-slate-500 uppercase">Or build one</h3>
      <div className="grid grid-cols-2 gap-2 text-sm">
        <label className="flex flex-col gap-1">
          hosts
          <input
            type="number"
            min={1}
            max={100000}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
            value={form.count}
            data-testid="quick-count"
            onChange={(e) => setForm({ ...form, count: Number(e.target.value) })}
          />
        </label>
        <label className="flex flex-col gap-1">
          batch size
          <input
            type="number"
            min={0}
            max={100000}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
            value={form.batch}
            data-testid="quick-batch"
            onChange={(e) => setForm({ ...form, batch: Number(e.target.value) })}
          />
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={form.provision} onChange={(e) => setForm({ ...form, provision: e.target.checked })} /> provision all
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={form.del} onChange={(e) => setForm({ ...form, del: e.target.checked })} /> delete all
        </label>
      </div>
      <Button size="sm" onClick={() => onFill(form)} data-testid="quick-fill">
        Fill the scenario
      </Button>
    </>
  );
}
