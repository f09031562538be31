/** Which objects a list or watch selects: namespace, label selector and field selector. */
import { errors } from './api-error';
import type { ResourceDef } from './resources';
import { matches, parseFieldSelector, parseLabelSelector } from './selectors';
import type { StoredObject } from '../kube/object';

export type ObjectFilter = (obj: StoredObject) => boolean;

export function fieldValue(def: ResourceDef, obj: StoredObject, key: string): string | undefined {
  if (key === 'metadata.name') return obj.metadata.name;
  if (key === 'metadata.namespace') return obj.metadata.namespace ?? '';
  return def.fieldSelectors?.[key]?.(obj);
}

export function makeFilter(def: ResourceDef, namespace: string | undefined, labelSelector: string | null, fieldSelector: string | null): ObjectFilter {
  const labels = parseLabelSelector(labelSelector);
  const fields = parseFieldSelector(fieldSelector);
  for (const req of fields) {
    if (req.key !== 'metadata.name' && req.key !== 'metadata.namespace' && !def.fieldSelectors?.[req.key]) {
      throw errors.badRequest(`field label not supported: ${req.key}`);
    }
  }
  return (obj) =>
    (!namespace || obj.metadata.namespace === namespace) &&
    (labels.length === 0 || matches(labels, (key) => obj.metadata.labels?.[key])) &&
    (fields.length === 0 || matches(fields, (key) => fieldValue(def, obj, key)));
}
