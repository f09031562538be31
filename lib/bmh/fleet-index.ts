/**
 * The fleet as a map of HostViews with running counts. The server's fleet model and the
 * browser's stream cache both fold changes into one of these, so what the page shows is
 * computed the same way as what `GET /api/hosts` answers.
 */
import { adjustCounts, copyCounts, emptyCounts, type FleetCounts } from './counts';
import { hostKey, type HostKey, type HostView } from './host-view';
import { applyPatch, type HostPatch } from './host-patch';

export interface FleetChanges {
  /** Hosts new to the receiver, or replaced (a new uid), in full. */
  upserts: HostView[];
  /** Changed fields of hosts the receiver already has. */
  patches?: HostPatch[];
  deletes: HostKey[];
}

export class FleetIndex {
  private readonly hosts = new Map<string, HostView>();
  private tally: FleetCounts = emptyCounts();

  get size(): number {
    return this.hosts.size;
  }

  get counts(): FleetCounts {
    return this.tally;
  }

  get(key: string): HostView | undefined {
    return this.hosts.get(key);
  }

  values(): IterableIterator<HostView> {
    return this.hosts.values();
  }

  list(): HostView[] {
    return [...this.hosts.values()];
  }

  upsert(view: HostView): HostView | undefined {
    const key = hostKey(view);
    const old = this.hosts.get(key);
    if (old) adjustCounts(this.tally, old, -1);
    this.hosts.set(key, view);
    adjustCounts(this.tally, view, 1);
    return old;
  }

  remove(key: string): HostView | undefined {
    const old = this.hosts.get(key);
    if (!old) return undefined;
    this.hosts.delete(key);
    adjustCounts(this.tally, old, -1);
    return old;
  }

  reset(views: Iterable<HostView>): void {
    this.hosts.clear();
    this.tally = emptyCounts();
    for (const view of views) this.upsert(view);
  }

  apply(changes: FleetChanges): void {
    for (const key of changes.deletes) this.remove(hostKey(key));
    for (const view of changes.upserts) this.upsert(view);
    for (const patch of changes.patches ?? []) {
      const current = this.hosts.get(hostKey(patch));
      if (current) this.upsert(applyPatch(current, patch));
    }
  }

  countsSnapshot(): FleetCounts {
    return copyCounts(this.tally);
  }
}
