/** The checks an update or delete makes against the stored object before it changes anything. */
import { ApiError, errors } from './api-error';
import type { ResourceDef } from './resources';
import type { ObjectMeta, StoredObject } from '../kube/object';

/** The name, resourceVersion and uid a PUT or PATCH body carries must match the stored object. */
export function checkUpdatePreconditions(def: ResourceDef, name: string, old: StoredObject, inputMeta: ObjectMeta): void {
  if (inputMeta.name !== undefined && inputMeta.name !== name) {
    throw errors.badRequest(`the name of the object (${inputMeta.name}) does not match the name on the URL (${name})`);
  }
  if (inputMeta.resourceVersion && inputMeta.resourceVersion !== old.metadata.resourceVersion) {
    throw errors.conflict(def, name, 'the object has been modified; please apply your changes to the latest version and try again');
  }
  if (inputMeta.uid && inputMeta.uid !== old.metadata.uid) {
    throw errors.conflict(def, name, `Precondition failed: UID in precondition: ${inputMeta.uid}, UID in object meta: ${old.metadata.uid}`);
  }
}

/** An object being deleted may lose finalizers but not gain new ones. */
export function forbidNewFinalizers(def: ResourceDef, name: string, old: StoredObject, meta: ObjectMeta): void {
  const finalizersAdded = (meta.finalizers ?? []).some((f) => !(old.metadata.finalizers ?? []).includes(f));
  if (old.metadata.deletionTimestamp && finalizersAdded) {
    throw new ApiError(
      422,
      'Invalid',
      `${def.kind} "${name}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted`,
      {
        name,
        kind: def.kind,
        causes: [
          {
            reason: 'FieldValueForbidden',
            field: 'metadata.finalizers',
            message: 'Forbidden: no new finalizers can be added if the object is being deleted',
          },
        ],
      },
    );
  }
}

/** DeleteOptions.preconditions: uid and resourceVersion must match the stored object. */
export function checkDeletePreconditions(def: ResourceDef, name: string, old: StoredObject, preconditions: { uid?: string; resourceVersion?: string }): void {
  if (preconditions.uid && preconditions.uid !== old.metadata.uid) {
    throw errors.conflict(def, name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  if (preconditions.resourceVersion && preconditions.resourceVersion !== old.metadata.resourceVersion) {
    throw errors.conflict(
      def,
      name,
      `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in meta: ${old.metadata.resourceVersion}`,
    );
  }
}
