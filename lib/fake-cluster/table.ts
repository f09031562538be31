/**
 * Server-side tables (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), which is how
 * kubectl prints `NAME STATE CONSUMER ONLINE ERROR AGE` for BareMetalHosts.
 */
import type { PrinterColumn, ResourceDef } from './resources';
import { humanDuration } from '../bmh/human-duration';
import type { StoredObject } from '../kube/object';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** Reads a CRD printer column path such as `.status.provisioning.state`. */
export function readJsonPath(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function cell(column: PrinterColumn, obj: StoredObject, now: Date): unknown {
  const raw = column.value ? column.value(obj, now) : readJsonPath(obj, column.jsonPath ?? '');
  if (raw === undefined || raw === null) return column.type === 'date' ? '<unknown>' : '';
  if (column.type === 'date') {
    const at = Date.parse(String(raw));
    return Number.isNaN(at) ? '<invalid>' : humanDuration(now.getTime() - at);
  }
  if (column.type === 'integer' || column.type === 'number') return raw;
  return typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
}

export function columnDefinitions(def: ResourceDef) {
  return [
    {
      name: 'Name',
      type: 'string',
      format: 'name',
      description: 'Name must be unique within a namespace. More info: http://kubernetes.io/docs/user-guide/identifiers#names',
      priority: 0,
    },
    ...def.columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority })),
  ];
}

function rowObject(def: ResourceDef, obj: StoredObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

export function tableRow(def: ResourceDef, obj: StoredObject, now: Date, include: IncludeObject) {
  return {
    cells: [obj.metadata.name, ...def.columns.map((c) => cell(c, obj, now))],
    object: rowObject(def, obj, include),
  };
}

export function toTable(
  def: ResourceDef,
  objects: StoredObject[],
  options: { now: Date; include: IncludeObject; resourceVersion: string; continueToken?: string; headers?: boolean },
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: options.resourceVersion,
      ...(options.continueToken ? { continue: options.continueToken } : {}),
    },
    ...(options.headers === false ? {} : { columnDefinitions: columnDefinitions(def) }),
    rows: objects.map((o) => tableRow(def, o, options.now, options.include)),
  };
}
