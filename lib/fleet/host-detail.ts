import 'server-only';
/** One host in full for the host page: the object (no Secret data is part of it), its observed transitions, its events. */
import type { HostDetail } from '../api/contract';
import type { BareMetalHost } from '../bmh/types';
import { statusCode } from '../kube/errors';
import type { Runtime } from './runtime';

export async function hostDetail(rt: Runtime, namespace: string, name: string): Promise<HostDetail | undefined> {
  let host: BareMetalHost;
  try {
    host = await rt.client.getBmh(namespace, name);
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
  const { managedFields: _m, ...metadata } = host.metadata as BareMetalHost['metadata'] & { managedFields?: unknown };
  const list = await rt.client.listEvents(namespace, `involvedObject.kind=BareMetalHost,involvedObject.name=${name}`);
  const events = list.items
    .filter((e) => !e.involvedObject.uid || e.involvedObject.uid === host.metadata.uid)
    .map((e) => ({
      reason: e.reason ?? '',
      message: e.message ?? '',
      type: e.type ?? 'Normal',
      count: e.count ?? 1,
      firstTimestamp: e.firstTimestamp ? new Date(e.firstTimestamp).toISOString() : undefined,
      lastTimestamp: e.lastTimestamp ? new Date(e.lastTimestamp).toISOString() : undefined,
    }))
    .sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
  return { host: { ...host, metadata }, transitions: rt.model.transitionsOf(`${namespace}/${name}`), events };
}
