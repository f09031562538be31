/**
 * BMO's update predicate (updateEventHandler, ctrl:2651-2673): a BareMetalHost change
 * reconciles the host only when its generation, finalizers or annotations changed, so a
 * status-only write (lastUpdated, conditions) does not end a RequeueAfter but a spec edit does.
 */
import type { BareMetalHost } from '../bmh/types';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function passesPredicates(before: BareMetalHost | undefined, after: BareMetalHost): boolean {
  // A create (or a host first seen) always passes.
  if (!before) return true;
  if (before.metadata.generation !== after.metadata.generation) return true;
  return !same(before.metadata.finalizers, after.metadata.finalizers) || !same(before.metadata.annotations, after.metadata.annotations);
}
