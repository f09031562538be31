/** Terse builders for the schemas below, so a resource's schema reads like its CRD. */
import type { Schema } from '../schema';

export const str = (extra: Partial<Schema> = {}): Schema => ({ type: 'string', ...extra });
export const bool = (extra: Partial<Schema> = {}): Schema => ({ type: 'boolean', ...extra });
export const int = (extra: Partial<Schema> = {}): Schema => ({ type: 'integer', ...extra });
export const num = (extra: Partial<Schema> = {}): Schema => ({ type: 'number', ...extra });
export const dateTime = (extra: Partial<Schema> = {}): Schema => ({ type: 'string', format: 'date-time', ...extra });
export const arr = (items: Schema, extra: Partial<Schema> = {}): Schema => ({ type: 'array', items, ...extra });
export const obj = (properties: Record<string, Schema>, required?: string[], extra: Partial<Schema> = {}): Schema => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
  ...extra,
});
export const map = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
export const anyObject = (): Schema => ({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });

/** The parts of ObjectMeta a client may send; system fields are accepted and overwritten. */
export const objectMeta = obj({
  name: str(),
  generateName: str(),
  namespace: str(),
  uid: str(),
  resourceVersion: str(),
  generation: int(),
  creationTimestamp: { type: 'string', nullable: true },
  deletionTimestamp: { type: 'string', nullable: true },
  deletionGracePeriodSeconds: int(),
  labels: map(str()),
  annotations: map(str()),
  finalizers: arr(str()),
  ownerReferences: arr(
    obj({ apiVersion: str(), kind: str(), name: str(), uid: str(), controller: bool(), blockOwnerDeletion: bool() }, ['apiVersion', 'kind', 'name', 'uid']),
  ),
  managedFields: arr(anyObject()),
  selfLink: str(),
});

export const objectReference = obj({
  apiVersion: str(),
  fieldPath: str(),
  kind: str(),
  name: str(),
  namespace: str(),
  resourceVersion: str(),
  uid: str(),
});

export function topLevel(properties: Record<string, Schema>, required?: string[]): Schema {
  return obj({ apiVersion: str(), kind: str(), metadata: objectMeta, ...properties }, required);
}
