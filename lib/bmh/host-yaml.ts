/**
 * A host as `kubectl get bmh NAME -o yaml` prints it: apiVersion and kind, keys in sorted order
 * (kubectl's printer goes through sigs.k8s.io/yaml, which sorts map keys), managedFields left out
 * (kubectl hides them unless --show-managed-fields). A BareMetalHost holds no Secret data, only
 * Secret names; the last-applied annotation of `kubectl apply` is the host's own manifest. Pure.
 */
import { stringify } from 'yaml';
import type { BareMetalHost, ObjectReference } from './types';
import { BMH_GROUP, BMH_VERSION } from './types';

export function hostYaml(host: BareMetalHost): string {
  const { managedFields: _hidden, ...metadata } = host.metadata as BareMetalHost['metadata'] & { managedFields?: unknown };
  const object = { ...host, apiVersion: host.apiVersion ?? `${BMH_GROUP}/${BMH_VERSION}`, kind: host.kind ?? 'BareMetalHost', metadata };
  return stringify(object, { sortMapEntries: true, lineWidth: 0, indentSeq: false });
}

export interface ConsumerLink {
  /** Text naming what the consumer is. */
  label: string;
  /** A page of this dashboard (a host, or the table filtered to the hosts with this consumer). */
  href?: string;
  /** Where the kind is documented, for kinds Fleetscope knows but does not show. */
  docs?: string;
  /** How to look at it with kubectl. */
  command?: string;
}

/** Kinds that consume BareMetalHosts (Cluster API Provider Metal3 and Cluster API). */
const KNOWN_KINDS: Record<string, { resource: string; docs: string }> = {
  Metal3Machine: { resource: 'metal3machines.infrastructure.cluster.x-k8s.io', docs: 'https://book.metal3.io/capm3/introduction' },
  Metal3DataTemplate: { resource: 'metal3datatemplates.infrastructure.cluster.x-k8s.io', docs: 'https://book.metal3.io/capm3/introduction' },
  Machine: { resource: 'machines.cluster.x-k8s.io', docs: 'https://cluster-api.sigs.k8s.io/user/concepts' },
};

/** Where a host's consumerRef points: another host in the fleet, a known kind, or at least the hosts sharing it. */
export function consumerLink(
  ref: ObjectReference | undefined,
  hostNamespace: string,
  inFleet: (namespace: string, name: string) => boolean,
): ConsumerLink | undefined {
  if (!ref?.name) return undefined;
  const namespace = ref.namespace || hostNamespace;
  const label = `${ref.kind ?? 'object'} ${namespace}/${ref.name}`;
  if (ref.kind === 'BareMetalHost' && inFleet(namespace, ref.name))
    return { label, href: `/hosts/${encodeURIComponent(namespace)}/${encodeURIComponent(ref.name)}` };
  const known = ref.kind ? KNOWN_KINDS[ref.kind] : undefined;
  const shared = `/?q=${encodeURIComponent(ref.name)}`;
  if (known) return { label, href: shared, docs: known.docs, command: `kubectl get ${known.resource} -n ${namespace} ${ref.name} -o yaml` };
  return { label, href: shared };
}
