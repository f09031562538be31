/**
 * What every write goes through before it is stored, in kube-apiserver's order: prune unknown
 * fields (per `fieldValidation`), default, validate (schema, metadata, the resource's own rules),
 * then validating admission webhooks.
 */
import { errors, type StatusCause } from './api-error';
import { validateMetadata } from './metadata';
import { namespaces, type ResourceDef } from './resources';
import { prune, validate } from './schema';
import { applyDefaults } from './defaults';
import { webhookDenial } from './admission/denial';
import type { SubtreeInterner } from './intern';
import type { KubeObject, StoredObject } from '../kube/object';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  /** What to do with fields the schema does not know (the `fieldValidation` query parameter). */
  fieldValidation?: FieldValidation;
  dryRun?: boolean;
}

export function admit(
  def: ResourceDef,
  input: KubeObject,
  old: StoredObject | undefined,
  options: WriteOptions,
  warnings: string[],
  interner: SubtreeInterner,
  subresource?: 'status',
): KubeObject {
  const name = input.metadata?.name ?? old?.metadata.name ?? '';
  const pruned = prune(def.schema, input, '', old);
  const unknown = pruned.unknown;
  if (unknown.length > 0) {
    const mode = options.fieldValidation ?? 'Ignore';
    if (mode === 'Strict') {
      throw errors.badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`,
      );
    }
    if (mode === 'Warn') warnings.push(...unknown.map((u) => `unknown field "${u}"`));
  }
  // Decoding order of kube-apiserver for custom resources: prune, then default.
  let object = interner.intern(def, applyDefaults(def.schema, pruned.value, old) as KubeObject);
  const causes: StatusCause[] = validate(def.schema, object, '', old);
  causes.push(...validateMetadata(object.metadata ?? {}, { label: def === namespaces }));
  if (def.admit && causes.length === 0) {
    const admitted = def.admit(object, old);
    object = admitted.object;
    causes.push(...admitted.causes);
  }
  if (causes.length > 0)
    throw errors.invalid(
      def,
      name,
      causes.map((c) => ({ ...c, message: c.message })),
    );
  // Validating admission runs after the schema (a 422 comes before a webhook's 403), and only
  // on the main resource: BMO's webhook is not registered for baremetalhosts/status.
  if (def.webhook && subresource === undefined) {
    const denied = def.webhook.review(object, old);
    if (denied.length > 0) throw webhookDenial(def.webhook.name, denied);
  }
  if (old && (old as { immutable?: boolean }).immutable && JSON.stringify(old.data) !== JSON.stringify(object.data)) {
    throw errors.invalid(def, name, [{ reason: 'FieldValueForbidden', field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' }]);
  }
  return object;
}
