/**
 * Identical large subtrees (every fixture host reports the same hardware) are stored once:
 * for the paths a resource names, an equal value reuses the reference already stored.
 */
import type { ResourceDef } from './resources';
import type { KubeObject } from '../kube/object';

export class SubtreeInterner {
  private readonly interned = new Map<string, unknown>();
  /** Values already shared: most writes carry the stored subtree on, and need no JSON key. */
  private readonly shared = new WeakSet<object>();

  intern(def: ResourceDef, object: KubeObject): KubeObject {
    let out = object;
    for (const path of def.internPaths ?? []) {
      const [top, field] = path.split('.') as [string, string];
      const parent = out[top] as Record<string, unknown> | undefined;
      const value = parent?.[field];
      if (value === undefined || value === null || typeof value !== 'object' || this.shared.has(value)) continue;
      const key = `${path}\u0000${JSON.stringify(value)}`;
      const shared = this.interned.get(key);
      if (shared === undefined) {
        if (this.interned.size >= 64) this.interned.delete(this.interned.keys().next().value!);
        this.interned.set(key, value);
        this.shared.add(value);
      } else if (shared !== value) {
        out = { ...out, [top]: { ...parent, [field]: shared } };
      }
    }
    return out;
  }
}
