import 'server-only';
/**
 * The writes a run makes, the ones a user would: a BMC Secret and a BareMetalHost per new host
 * (the create action's manifests, labelled with the run's id), spec.image, spec.online, deletes.
 * Each goes through the dashboard's Kubernetes client, with a few retries for what may pass.
 */
import type { KubeClient } from '../kube/client';
import { errorMessage, statusCode } from '../kube/errors';
import type { Image } from '../api/contract';
import { patchFor as actionPatch } from '../fleet/actions';
import { hostManifest, secretManifest, type NewHost } from '../fleet/host-factory';

export const RUN_LABEL = 'fleetscope.io/run';

export type RunClient = Pick<KubeClient, 'ensureNamespace' | 'createSecret' | 'createBmh' | 'patchBmh' | 'deleteBmh' | 'deleteSecret'>;

export type HostWrite = 'provision' | 'deprovision' | 'powerOff' | 'powerOn' | 'delete';

/** Worth another try: no answer, a conflict, throttling or a server fault. */
const passing = (error: unknown) => {
  const code = statusCode(error);
  return code === undefined || code === 409 || code === 429 || code >= 500;
};

async function retry<T>(call: (attempt: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= attempts || !passing(error) || /already exists/.test(errorMessage(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function labelled<T extends { metadata: { labels?: Record<string, string> } }>(manifest: T, runId: string): T {
  return { ...manifest, metadata: { ...manifest.metadata, labels: { ...manifest.metadata.labels, [RUN_LABEL]: runId } } };
}

/** Creates on a retry may find the first try got through: "already exists" then means done. */
async function createIdempotent(create: () => Promise<unknown>): Promise<void> {
  await retry(async (attempt) => {
    try {
      await create();
    } catch (error) {
      if (attempt > 1 && statusCode(error) === 409) return;
      throw error;
    }
  });
}

/** `beforeHost` is called right before the BareMetalHost's create is sent (the phase's start for it). */
export async function createHost(client: RunClient, runId: string, namespace: string, host: NewHost, online: boolean, beforeHost: () => void): Promise<void> {
  await createIdempotent(() => client.createSecret(namespace, labelled(secretManifest(host, namespace), runId) as never));
  beforeHost();
  await createIdempotent(() => client.createBmh(namespace, labelled(hostManifest(host, namespace, online), runId)));
}

/** The run's step kinds, as the dashboard's actions name them. */
const ACTION_OF = { provision: 'provision', deprovision: 'deprovision', powerOff: 'power-off', powerOn: 'power-on' } as const;

export function patchFor(kind: Exclude<HostWrite, 'delete'>, image?: Image): Record<string, unknown> {
  return actionPatch(ACTION_OF[kind], { image });
}

export async function writeHost(client: RunClient, kind: HostWrite, namespace: string, name: string, image?: Image): Promise<void> {
  if (kind !== 'delete') {
    await retry(() => client.patchBmh(namespace, name, patchFor(kind, image)));
    return;
  }
  await retry(() => client.deleteBmh(namespace, name)).catch((error: unknown) => {
    if (statusCode(error) !== 404) throw error;
  });
}

/** Removes what a run created (cleanup after a cancel): hosts first, then their BMC Secrets. */
export async function removeHost(client: RunClient, namespace: string, name: string, secretName: string): Promise<void> {
  await writeHost(client, 'delete', namespace, name);
  await retry(() => client.deleteSecret(namespace, secretName)).catch((error: unknown) => {
    if (statusCode(error) !== 404) throw error;
  });
}

/** Runs `task` over `items`, at most `limit` at once, stopping new ones when `signal` aborts. */
export async function pool<T>(items: readonly T[], limit: number, signal: AbortSignal, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
