/**
 * Field-level changes of a HostView, for the stream's deltas: a host that moves from
 * `registering` to `inspecting` costs the few fields that changed, not the whole row. Values are
 * absolute (not increments), so applying a patch twice, or over a newer snapshot, is harmless.
 */
import { HOST_VIEW_SCALARS, type HostKey, type HostView, type OperationTimes } from './host-view';
import { OPERATIONS } from './types';

export type HostPatch = HostKey & Partial<Omit<HostView, 'namespace' | 'name' | 'operationHistory'>> & { operationHistory?: Partial<OperationTimes> };

/** What a patch can carry: every scalar but the key. */
const FIELDS = HOST_VIEW_SCALARS.filter((f): f is Exclude<(typeof HOST_VIEW_SCALARS)[number], 'namespace' | 'name'> => f !== 'namespace' && f !== 'name');

/** What changed from `before` to `after` (the same host), or undefined when nothing did. */
export function diffView(before: HostView, after: HostView): HostPatch | undefined {
  const patch: Record<string, unknown> = {};
  let changed = false;
  for (const field of FIELDS) {
    if (before[field] !== after[field]) {
      // `deleting` is only ever true or absent; its removal is sent as false.
      patch[field] = after[field] ?? (field === 'deleting' ? false : undefined);
      changed = true;
    }
  }
  const history: Partial<OperationTimes> = {};
  for (const op of OPERATIONS) {
    const [s1, e1] = before.operationHistory[op];
    const [s2, e2] = after.operationHistory[op];
    if (s1 !== s2 || e1 !== e2) history[op] = [s2, e2];
  }
  if (Object.keys(history).length > 0) {
    patch.operationHistory = history;
    changed = true;
  }
  return changed ? ({ namespace: after.namespace, name: after.name, ...patch } as HostPatch) : undefined;
}

export function applyPatch(view: HostView, patch: HostPatch): HostView {
  const { namespace: _n, name: _m, operationHistory, deleting, ...fields } = patch;
  const next: HostView = { ...view, ...fields, operationHistory: operationHistory ? { ...view.operationHistory, ...operationHistory } : view.operationHistory };
  if (deleting === true) next.deleting = true;
  else if (deleting === false) delete next.deleting;
  return next;
}
