import type { StatusCause } from '../api-error';
import type { Schema } from '../schema';
import type { KubeObject, StoredObject } from '../../kube/object';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  priority: number;
  /** `.a.b.c` path into the object (what a CRD's additionalPrinterColumns say)... */
  jsonPath?: string;
  /** ...or a function, for built-in kinds whose columns the API server computes. */
  value?: (obj: StoredObject, now: Date) => unknown;
}

/** Everything the fake API server knows about one resource type. Data, not code paths. */
export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories?: string[];
  /** Has a `status` subresource: main-resource writes keep the stored status, status writes keep the rest. */
  hasStatus: boolean;
  /** Custom resources count spec changes in `metadata.generation`. */
  tracksGeneration: boolean;
  /** Custom resources get JSON merge patch only; built-in kinds also accept strategic merge patch. */
  strategicMerge: boolean;
  /** Schema of the object below metadata (validation, pruning, OpenAPI). */
  schema: Schema;
  /** Checks the schema cannot express; may normalise the object (Secret stringData → data). */
  admit?: (obj: KubeObject, old: StoredObject | undefined) => { object: KubeObject; causes: StatusCause[] };
  /**
   * A validating admission webhook for CREATE and UPDATE of the main resource (not the status
   * subresource): its name, and the messages it denies with (empty when it allows).
   */
  webhook?: { name: string; review: (obj: KubeObject, old: StoredObject | undefined) => string[] };
  columns: PrinterColumn[];
  /** `top.field` paths whose (large, often identical) values are stored once and shared. */
  internPaths?: string[];
  /**
   * Watch events kept for resuming (kube-apiserver keeps a watch cache per resource; the
   * store's default, FLEET_WATCH_LOG_CAPACITY, when unset).
   */
  watchHistory?: number;
  /** Field selectors beyond metadata.name and metadata.namespace. */
  fieldSelectors?: Record<string, (obj: StoredObject) => string | undefined>;
}

// One string per resource: every stored object carries its apiVersion, and a template's result
// is a new string each time (a 100,000-host fleet would hold half a million copies).
const apiVersions = new WeakMap<ResourceDef, string>();

export function apiVersionOf(def: ResourceDef): string {
  let apiVersion = apiVersions.get(def);
  if (apiVersion === undefined) {
    apiVersion = def.group ? [def.group, def.version].join('/') : def.version;
    apiVersions.set(def, apiVersion);
  }
  return apiVersion;
}

export function resourceId(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}
