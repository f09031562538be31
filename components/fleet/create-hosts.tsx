'use client';
import { useState, type FormEvent } from 'react';
import { MAX_HOSTS_PER_REQUEST } from '@/lib/api/limits';
import { Button } from '../ui/button';
import { useCreateHosts } from './use-actions';
import { useReadonly } from './use-fleet';

const input = 'h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800';

/** "Create N fake hosts": a BMC Secret and a BareMetalHost each, like the scaling post's script. */
export function CreateHosts() {
  const readonly = useReadonly();
  const [count, setCount] = useState('10');
  const [namespace, setNamespace] = useState('metal3');
  const [prefix, setPrefix] = useState('worker');
  const create = useCreateHosts();
  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_HOSTS_PER_REQUEST;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) create.mutate({ count: n, namespace: namespace || undefined, prefix: prefix || undefined });
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Create hosts">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Hosts to create
        <input
          data-testid="create-count"
          className={`${input} w-24 tabular-nums`}
          type="number"
          min={1}
          max={MAX_HOSTS_PER_REQUEST}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          aria-invalid={!valid}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Namespace
        <input className={`${input} w-32`} value={namespace} onChange={(e) => setNamespace(e.target.value.trim())} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-300">
        Name prefix
        <input className={`${input} w-28`} value={prefix} onChange={(e) => setPrefix(e.target.value.trim())} />
      </label>
      <Button data-testid="create-submit" type="submit" variant="primary" disabled={!valid || create.isPending || readonly}>
        {create.isPending ? 'Creating…' : `Create ${valid ? n.toLocaleString('en') : ''} hosts`}
      </Button>
      {!valid && <p className="w-full text-xs text-rose-600">Enter a whole number from 1 to {MAX_HOSTS_PER_REQUEST.toLocaleString('en')}.</p>}
      {create.isError && (
        <p role="alert" className="w-full text-xs text-rose-600">
          {create.error.message}
        </p>
      )}
    </form>
  );
}
