/**
 * Structural defaulting, as kube-apiserver applies a CRD's `default:` values to every request
 * body (k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting: PruneNonNullableNullsWithoutDefaults,
 * then Default): a property missing from an object that exists gets its default (and the
 * defaults inside it); a `null` where the schema does not allow null gets the default, or is
 * dropped when there is none. Copy on write: untouched subtrees keep their identity. Pure.
 */
import { storedPrefix, type Schema } from './schema';
import { isPlainObject } from '../kube/object';

const copy = (value: unknown): unknown => (value === undefined ? undefined : structuredClone(value));

const withDefaults = new WeakMap<Schema, [string, Schema][]>();

/** The properties of an object schema that have a default (computed once per schema). */
function propertiesWithDefaults(schema: Schema): [string, Schema][] {
  let list = withDefaults.get(schema);
  if (!list) {
    list = Object.entries(schema.properties ?? {}).filter(([, property]) => property.default !== undefined);
    withDefaults.set(schema, list);
  }
  return list;
}

/**
 * Returns `value` with the schema's defaults applied (the same reference when nothing changed).
 * A subtree that is the very object stored before (`previous`) was defaulted when it was stored.
 */
export function applyDefaults(schema: Schema, value: unknown, previous?: unknown): unknown {
  if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.properties) return value;
  if (value !== null && typeof value === 'object' && value === previous) return value;
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    let out: unknown[] | undefined;
    for (let i = storedPrefix(value, Array.isArray(previous) ? previous : undefined); i < value.length; i++) {
      const next = applyDefaults(schema.items, value[i]);
      if (next !== value[i]) (out ??= [...value])[i] = next;
    }
    return out ?? value;
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | undefined;
  const set = (key: string, next: unknown) => {
    out ??= { ...value };
    if (next === undefined) delete out[key];
    else out[key] = next;
  };
  for (const [key, property] of propertiesWithDefaults(schema)) {
    const current = value[key];
    if (current === undefined || (current === null && !property.nullable)) set(key, copy(property.default));
  }
  const source: Record<string, unknown> = out ?? value;
  const before = isPlainObject(previous) ? previous : undefined;
  // for…in rather than Object.entries: this runs for every new node of every write.
  for (const key in source) {
    const child = source[key];
    const property = schema.properties?.[key];
    if (child === null) {
      if (property && !property.nullable && property.default === undefined) set(key, undefined);
      continue;
    }
    const childSchema = property ?? schema.additionalProperties;
    if (!childSchema || typeof child !== 'object') continue;
    const next = applyDefaults(childSchema, child, before?.[key]);
    if (next !== child) set(key, next);
  }
  return out ?? value;
}
