/**
 * A bounded log of watch events, ordered by resourceVersion. A watch that resumes from a
 * resourceVersion older than the log's window gets `410 Gone`, as with etcd compaction.
 */
import type { ResourceDef } from './resources';
import type { StoredObject, WatchEventType } from '../kube/object';

export interface StoreEvent {
  rv: number;
  type: WatchEventType;
  def: ResourceDef;
  object: StoredObject;
  /** The object before a MODIFIED event, so selector-filtered watches can turn it into ADDED or DELETED. */
  previous?: StoredObject;
}

export class EventLog {
  private readonly ring: (StoreEvent | undefined)[];
  private start = 0;
  private size = 0;
  /** Events with rv > compactedThrough are all still here. */
  private compactedThrough: number;

  constructor(
    readonly capacity: number,
    initialRv = 0,
  ) {
    this.ring = new Array(capacity);
    this.compactedThrough = initialRv;
  }

  append(event: StoreEvent): void {
    if (this.size === this.capacity) {
      this.compactedThrough = this.ring[this.start]!.rv;
      this.ring[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.size--;
    }
    this.ring[(this.start + this.size) % this.capacity] = event;
    this.size++;
  }

  /** Drops every event up to and including `rv` (what a compaction does). */
  compact(rv: number): void {
    while (this.size > 0 && this.ring[this.start]!.rv <= rv) {
      this.ring[this.start] = undefined;
      this.start = (this.start + 1) % this.capacity;
      this.size--;
    }
    this.compactedThrough = Math.max(this.compactedThrough, rv);
  }

  /** The oldest resourceVersion a watch may still resume from. */
  oldestResumable(): number {
    return this.compactedThrough;
  }

  /** Events after `rv`, or undefined when some of them were compacted away. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv < this.compactedThrough) return undefined;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    const out: StoreEvent[] = [];
    for (let i = lo; i < this.size; i++) out.push(this.at(i));
    return out;
  }

  private at(i: number): StoreEvent {
    return this.ring[(this.start + i) % this.capacity]!;
  }
}
