/**
 * Custom resources served from BMO's own CustomResourceDefinitions (lib/fake-cluster/crds/, copied
 * unmodified from metal3-io/baremetal-operator config/base/crds/bases/): names, short names,
 * scope, printer columns, the status subresource and the whole openAPIV3Schema (validation,
 * pruning, defaults and the OpenAPI documents kubectl reads) come from the CRD, as they do when
 * kube-apiserver serves it. Read once at start.
 *
 * The files sit beside this module; the cluster's bundle (scripts/build-cluster.mjs) copies them
 * beside itself, so the same relative URL finds them in both.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Schema } from '../schema';
import { objectMeta } from './schema-builders';
import type { PrinterColumn, ResourceDef } from './types';

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema: { openAPIV3Schema: Schema };
  subresources?: { status?: object };
  additionalPrinterColumns?: (Omit<PrinterColumn, 'priority'> & { priority?: number })[];
}

interface CrdDocument {
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames?: string[]; categories?: string[] };
    versions: CrdVersion[];
  };
}

/** Where the CRD files are: beside this module in the source, beside the bundle once built. */
export function crdDirectory(): URL {
  const here = new URL('.', import.meta.url);
  return here.pathname.endsWith('/resources/') ? new URL('../crds/', here) : new URL('./crds/', here);
}

// Without printer columns, kube-apiserver's table convertor shows the name and the age.
const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
    priority: 0,
    jsonPath: '.metadata.creationTimestamp',
  },
];

export type CrdExtras = Pick<ResourceDef, 'internPaths' | 'admit' | 'webhook' | 'fieldSelectors'>;

/** The storage version of the CRD in `fileName`, as a resource the fake API serves. */
export function crdResource(fileName: string, extras: CrdExtras = {}): ResourceDef {
  const crd = parse(readFileSync(new URL(fileName, crdDirectory()), 'utf8')) as CrdDocument;
  const { group, scope, names } = crd.spec;
  const version = crd.spec.versions.find((v) => v.storage) ?? crd.spec.versions[0]!;
  const root = version.schema.openAPIV3Schema;
  // ObjectMeta is the API server's, not the CRD's (`metadata: {type: object}` there).
  const schema: Schema = { ...root, properties: { ...root.properties, metadata: objectMeta } };
  return {
    group,
    version: version.name,
    kind: names.kind,
    listKind: names.listKind,
    plural: names.plural,
    singular: names.singular,
    namespaced: scope === 'Namespaced',
    shortNames: names.shortNames ?? [],
    ...(names.categories ? { categories: names.categories } : {}),
    hasStatus: version.subresources?.status !== undefined,
    tracksGeneration: true,
    strategicMerge: false,
    schema,
    columns: version.additionalPrinterColumns?.map((c) => ({ ...c, priority: c.priority ?? 0 })) ?? DEFAULT_COLUMNS,
    ...extras,
  };
}
