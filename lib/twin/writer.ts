/** Sends a stage's steps through the API, in order, each write through the rate limiter. */
import type { BareMetalHost, BareMetalHostStatus } from '../bmh/types';
import { statusCode } from '../kube/errors';
import type { RawKubeClient } from '../kube/raw-client';
import { statusOf, type TwinHost } from './host';
import type { Step } from './stage';
import { EMPTY_STATUS, eventManifest, hardwareDataManifest, mergeStatus, secretPatch, statusOps } from './status-patch';

/** What the twin needs of the API: lists, watches and its writes (the lean client has them all). */
export type TwinApi = Pick<
  RawKubeClient<BareMetalHost>,
  | 'bmhPath'
  | 'secretPath'
  | 'listBmhPage'
  | 'listSecretPage'
  | 'watch'
  | 'patchBmhStatus'
  | 'patchBmh'
  | 'patchSecretStrategic'
  | 'createHardwareData'
  | 'patchHardwareData'
  | 'createEvent'
> & { close?: () => Promise<void> };

export interface Writer {
  api: TwinApi;
  /** Every write goes through this (the scheduler's rate limiter). */
  write: <T>(call: () => Promise<T>) => Promise<T>;
}

/** 404 and 409 on a dependent object mean it is gone or already there: nothing to do. */
async function tolerate(call: () => Promise<unknown>, codes: number[]): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!codes.includes(statusCode(error) ?? 0)) throw error;
  }
}

/** Runs the steps; returns the host's resourceVersion after the last write to it. */
export async function executeSteps(w: Writer, host: TwinHost, steps: Step[], now: string): Promise<string | undefined> {
  const { api, write } = w;
  const { namespace, name } = host.bmh.metadata;
  let rv = host.bmh.metadata.resourceVersion;
  let wrote: string | undefined;
  let status: BareMetalHostStatus | undefined = host.bmh.status === undefined ? undefined : statusOf(host);
  for (const step of steps) {
    if (step.kind === 'event') {
      void write(() => api.createEvent(namespace, eventManifest(host, step, now))).catch(() => {});
    } else if (step.kind === 'status') {
      const ops = statusOps(host, status, step.set, now);
      const result = await write(() => api.patchBmhStatus(namespace, name, ops));
      status = mergeStatus(status ?? EMPTY_STATUS, step.set);
      rv = wrote = result.metadata.resourceVersion;
    } else if (step.kind === 'object') {
      const patch = { ...step.patch, metadata: { ...step.patch.metadata, resourceVersion: rv } };
      const result = await write(() => api.patchBmh(namespace, name, patch));
      rv = wrote = result.metadata.resourceVersion;
    } else if (step.kind === 'secret') {
      await tolerate(() => write(() => api.patchSecretStrategic(namespace, step.name, secretPatch(host, step.op))), [404]);
    } else if (step.op === 'release') {
      await tolerate(() => write(() => api.patchHardwareData(namespace, name, { metadata: { finalizers: null } })), [404]);
    } else {
      await tolerate(() => write(() => api.createHardwareData(namespace, hardwareDataManifest(host))), [404, 409]);
    }
  }
  return wrote;
}
