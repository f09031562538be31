'use client';
import { useMemo, useState } from 'react';
import { hostYaml } from '@/lib/bmh/host-yaml';
import type { BareMetalHost } from '@/lib/bmh/types';
import { Button } from '../ui/button';
import { Card, CardTitle } from '../ui/card';

/** The host as `kubectl get bmh -o yaml` shows it (lib/bmh/host-yaml.ts), with a copy button. */
export function HostYamlCard({ host }: { host: BareMetalHost }) {
  const text = useMemo(() => hostYaml(host), [host]);
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  return (
    <Card aria-labelledby="yaml-title">
      <CardTitle
        id="yaml-title"
        aside={
          <span className="flex items-center gap-2 text-xs">
            <span aria-live="polite" className="text-slate-600 dark:text-slate-300">
              {copied === 'yes' ? 'Copied.' : copied === 'no' ? 'The browser refused: select the text and copy it.' : ''}
            </span>
            <Button size="sm" onClick={() => void copy()} data-testid="copy-yaml">
              Copy YAML
            </Button>
          </span>
        }
      >
        YAML (kubectl get bmh -o yaml)
      </CardTitle>
      <pre
        className="max-h-[32rem] overflow-auto rounded bg-slate-100 p-3 text-[11px] leading-snug dark:bg-slate-950"
        tabIndex={0}
        aria-label={`YAML of ${host.metadata.namespace}/${host.metadata.name}`}
        data-testid="host-yaml"
      >
        {text}
      </pre>
    </Card>
  );
}
