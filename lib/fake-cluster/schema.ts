/**
 * A small subset of OpenAPI v3 schemas, the way CustomResourceDefinitions use it. One schema
 * serves three purposes: validating writes (422 Invalid naming the field), pruning unknown
 * fields (or refusing them with `fieldValidation=Strict`), and the OpenAPI document kubectl reads.
 */
import type { StatusCause } from './api-error';
import { isPlainObject } from '../kube/object';

export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  format?: 'date-time' | 'int64' | 'int32' | 'double' | 'byte';
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

/**
 * How many items, from the first, are the very values stored before (the same objects, or equal
 * scalars): they were pruned, defaulted and validated then. A tight loop, because a FirmwareSchema gains one owner per host
 * (BMO's getOrCreateFirmwareSchema) and its thousands of others must cost next to nothing.
 */
export function storedPrefix(value: readonly unknown[], previous: readonly unknown[] | undefined): number {
  if (!previous) return 0;
  const n = Math.min(value.length, previous.length);
  let i = 0;
  while (i < n && value[i] === previous[i]) i++;
  return i;
}

/** A field path as the API server writes it: `spec.bmc.address`, no leading dot. */
const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(schema: Schema, value: unknown): boolean {
  if (schema['x-kubernetes-int-or-string']) return typeof value === 'string' || Number.isInteger(value);
  switch (schema.type) {
    case undefined:
      return true;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === schema.type;
  }
}

/**
 * Validates `value` against `schema`; returns the causes Kubernetes would report, empty when
 * valid. Subtrees that are the very same objects as in `previous` (already validated when they
 * were stored) are skipped.
 */
export function validate(schema: Schema, value: unknown, path: string, previous?: unknown): StatusCause[] {
  const causes: StatusCause[] = [];
  check(schema, value, path, causes, previous);
  return causes;
}

function check(schema: Schema, value: unknown, path: string, causes: StatusCause[], previous?: unknown): void {
  if (value !== null && typeof value === 'object' && value === previous) return;
  if (value === null) {
    if (!schema.nullable && schema.type !== undefined) {
      causes.push({ reason: 'FieldValueTypeInvalid', field: path, message: `Invalid value: "null": ${path} in body must be of type ${schema.type}: "null"` });
    }
    return;
  }
  if (!typeMatches(schema, value)) {
    causes.push({
      reason: 'FieldValueTypeInvalid',
      field: path,
      message: `Invalid value: "${typeOf(value)}": ${path} in body must be of type ${schema.type}: "${typeOf(value)}"`,
    });
    return;
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${show(value)}: supported values: ${schema.enum.map(show).join(', ')}`,
    });
  }
  if (typeof value === 'string') checkString(schema, value, path, causes);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${value}: ${path} in body should be greater than or equal to ${schema.minimum}`,
      });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: path,
        message: `Invalid value: ${value}: ${path} in body should be less than or equal to ${schema.maximum}`,
      });
    }
  }
  if (Array.isArray(value)) checkArray(schema, value, path, causes, Array.isArray(previous) ? previous : undefined);
  if (isPlainObject(value)) checkObject(schema, value, path, causes, isPlainObject(previous) ? previous : undefined);
}

function checkArray(schema: Schema, value: unknown[], path: string, causes: StatusCause[], previous?: unknown[]): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    causes.push({ reason: 'FieldValueTooMany', field: path, message: `Too many: ${value.length}: must have at most ${schema.maxItems} items` });
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${value.length}: ${path} in body should have at least ${schema.minItems} items`,
    });
  }
  // An item that is the very object stored at the same index was validated when it was stored
  // (a FirmwareSchema gains one owner per host: its other owners are not checked again).
  if (schema.items) for (let i = storedPrefix(value, previous); i < value.length; i++) check(schema.items, value[i], `${path}[${i}]`, causes);
  // x-kubernetes-list-type: map — each item is identified by its keys, which must be unique.
  const keys = schema['x-kubernetes-list-type'] === 'map' ? (schema['x-kubernetes-list-map-keys'] ?? []) : [];
  if (keys.length === 0) return;
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (!isPlainObject(item)) return;
    const identity = JSON.stringify(keys.map((k) => item[k]));
    if (seen.has(identity)) {
      const shown = keys.map((k) => `"${k}":${JSON.stringify(item[k])}`).join(', ');
      causes.push({ reason: 'FieldValueDuplicate', field: `${path}[${i}]`, message: `Duplicate value: map[string]interface {}{${shown}}` });
    }
    seen.add(identity);
  });
}

function checkString(schema: Schema, value: string, path: string, causes: StatusCause[]): void {
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    causes.push({ reason: 'FieldValueTooLong', field: path, message: `Too long: may not be more than ${schema.maxLength} bytes` });
  }
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${show(value)}: ${path} in body should be at least ${schema.minLength} chars long`,
    });
  }
  if (schema.pattern && !regex(schema.pattern).test(value)) {
    causes.push({ reason: 'FieldValueInvalid', field: path, message: `Invalid value: ${show(value)}: ${path} in body should match '${schema.pattern}'` });
  }
  if (schema.format === 'date-time' && !DATE_TIME.test(value)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${show(value)}: ${path} in body must be of type date-time: ${show(value)}`,
    });
  }
}

function checkObject(schema: Schema, value: Record<string, unknown>, path: string, causes: StatusCause[], previous?: Record<string, unknown>): void {
  for (const field of schema.required ?? []) {
    if (value[field] === undefined) causes.push({ reason: 'FieldValueRequired', field: join(path, field), message: 'Required value' });
  }
  for (const field in value) {
    const child = value[field];
    const childSchema = schema.properties?.[field] ?? schema.additionalProperties;
    if (childSchema && child !== undefined) check(childSchema, child, join(path, field), causes, previous?.[field]);
  }
}

/**
 * Removes fields the schema does not know, as the API server prunes custom resources.
 * Returns the pruned copy and the paths it removed (for `fieldValidation=Strict|Warn`).
 */
export function prune(schema: Schema, value: unknown, path: string, previous?: unknown): { value: unknown; unknown: string[] } {
  const unknown: string[] = [];
  return { value: pruneValue(schema, value, path, unknown, previous), unknown };
}

/** Copy on write, so an array that loses nothing keeps its identity for the checks after it. */
function pruneItems(items: Schema, value: unknown[], path: string, unknown: string[], previous?: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = storedPrefix(value, previous); i < value.length; i++) {
    const pruned = pruneValue(items, value[i], `${path}[${i}]`, unknown);
    if (pruned !== value[i]) (out ??= [...value])[i] = pruned;
  }
  return out ?? value;
}

function pruneValue(schema: Schema, value: unknown, path: string, unknown: string[], previous?: unknown): unknown {
  if (schema['x-kubernetes-preserve-unknown-fields'] || (value !== null && typeof value === 'object' && value === previous)) return value;
  if (Array.isArray(value) && schema.items) return pruneItems(schema.items, value, path, unknown, Array.isArray(previous) ? previous : undefined);
  if (!isPlainObject(value) || (!schema.properties && !schema.additionalProperties)) return value;
  let out: Record<string, unknown> | undefined;
  for (const field in value) {
    const child = value[field];
    const childSchema = schema.properties?.[field] ?? schema.additionalProperties;
    if (!childSchema) {
      unknown.push(join(path, field));
      out ??= { ...value };
      delete out[field];
      continue;
    }
    const pruned = pruneValue(childSchema, child, join(path, field), unknown, isPlainObject(previous) ? previous[field] : undefined);
    if (pruned !== child) {
      out ??= { ...value };
      out[field] = pruned;
    }
  }
  return out ?? value;
}
