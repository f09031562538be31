/**
 * Paged lists (`limit` and `continue`). The first page takes a snapshot of the matching objects
 * (references only: stored objects are immutable), so every page of one list shows the cluster
 * at the same resourceVersion, as etcd's MVCC does. Snapshots expire like continue tokens do.
 */
import { errors } from './api-error';
import type { StoredObject } from '../kube/object';

interface Snapshot {
  objects: StoredObject[];
  resourceVersion: string;
  createdAt: number;
  /** Which list the token belongs to, so a token cannot be replayed against another query. */
  query: string;
}

export interface Page {
  items: StoredObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

const TOKEN_TTL_MS = 5 * 60_000;
const MAX_SNAPSHOTS = 64;

export class ListPages {
  private readonly snapshots = new Map<string, Snapshot>();
  private nextId = 1;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * A page of `take()`'s result. `query` identifies the list (resource, namespace, selectors);
   * `take` is only called for a first page.
   */
  page(query: string, limit: number | undefined, token: string | undefined, take: () => { objects: StoredObject[]; resourceVersion: string }): Page {
    this.expire();
    let snapshot: Snapshot;
    let offset = 0;
    let id: string;
    if (token) {
      const decoded = decode(token);
      const found = decoded ? this.snapshots.get(decoded.id) : undefined;
      if (!decoded || !found) {
        throw errors.gone(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      if (found.query !== query) throw errors.badRequest('the continue token does not belong to this list');
      snapshot = found;
      offset = decoded.offset;
      id = decoded.id;
    } else {
      const taken = take();
      if (!limit || taken.objects.length <= limit) {
        return { items: taken.objects, resourceVersion: taken.resourceVersion };
      }
      id = String(this.nextId++);
      snapshot = { ...taken, createdAt: this.now(), query };
      this.snapshots.set(id, snapshot);
      while (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
    }
    const end = limit ? offset + limit : snapshot.objects.length;
    const items = snapshot.objects.slice(offset, end);
    if (end >= snapshot.objects.length) {
      this.snapshots.delete(id);
      return { items, resourceVersion: snapshot.resourceVersion };
    }
    return {
      items,
      resourceVersion: snapshot.resourceVersion,
      continueToken: encode({ id, offset: end }),
      remainingItemCount: snapshot.objects.length - end,
    };
  }

  private expire(): void {
    const cutoff = this.now() - TOKEN_TTL_MS;
    for (const [id, snapshot] of this.snapshots) if (snapshot.createdAt < cutoff) this.snapshots.delete(id);
  }
}

function encode(token: { id: string; offset: number }): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decode(token: string): { id: string; offset: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { id?: unknown; offset?: unknown };
    if (typeof value.id === 'string' && typeof value.offset === 'number' && Number.isInteger(value.offset) && value.offset >= 0) {
      return { id: value.id, offset: value.offset };
    }
  } catch {
    // fall through: a malformed token is treated as expired
  }
  return undefined;
}
