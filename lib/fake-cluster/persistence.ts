/**
 * The embedded cluster's state on disk, so a restart keeps every host with its status, history
 * and resourceVersion order. One JSON-lines file: a header line, then one line per object.
 * Writes go to a temporary file that is renamed over the old one (atomic); a file that cannot
 * be read is moved aside with a clear message instead of failing every start.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { resourceId, type ResourceDef } from './resources';
import type { ClusterStore } from './store';
import type { StoredObject } from '../kube/object';
import { isPlainObject } from '../kube/object';

const FORMAT = 'fleetscope-state/v1';

export interface LoadedState {
  resourceVersion: number;
  objects: Map<ResourceDef, StoredObject[]>;
}

export class CorruptStateError extends Error {}

export function loadState(path: string, resources: readonly ResourceDef[]): LoadedState | undefined {
  if (!existsSync(path)) return undefined;
  const byId = new Map(resources.map((def) => [resourceId(def), def]));
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  let header: { format?: unknown; resourceVersion?: unknown };
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new CorruptStateError('the first line is not a JSON header');
  }
  if (header.format !== FORMAT || typeof header.resourceVersion !== 'number' || !Number.isInteger(header.resourceVersion)) {
    throw new CorruptStateError(`the header is not a ${FORMAT} header`);
  }
  const objects = new Map<ResourceDef, StoredObject[]>();
  let highest = 0;
  for (let i = 1; i < lines.length; i++) {
    let entry: { r?: unknown; o?: unknown };
    try {
      entry = JSON.parse(lines[i]!);
    } catch {
      throw new CorruptStateError(`line ${i + 1} is not JSON`);
    }
    const def = typeof entry.r === 'string' ? byId.get(entry.r) : undefined;
    const obj = entry.o as StoredObject;
    if (!def || !isPlainObject(obj) || !isPlainObject(obj.metadata) || typeof obj.metadata.name !== 'string' || !/^\d+$/.test(String(obj.metadata.resourceVersion))) {
      throw new CorruptStateError(`line ${i + 1} is not a stored object`);
    }
    highest = Math.max(highest, Number(obj.metadata.resourceVersion));
    objects.set(def, [...(objects.get(def) ?? []), obj]);
  }
  return { resourceVersion: Math.max(header.resourceVersion, highest), objects };
}

/** Writes the whole store, synchronously (so it also works while the process is exiting). */
export function saveStateSync(path: string, store: ClusterStore): void {
  const tmp = `${path}.tmp`;
  // The data directory may have been removed under a running cluster: the state is still here.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ format: FORMAT, resourceVersion: Number(store.resourceVersion()), savedAt: new Date().toISOString() })}\n`);
    for (const def of store.resources) {
      const id = resourceId(def);
      const objects = store.list(def);
      for (let i = 0; i < objects.length; i += 500) {
        writeSync(fd, objects.slice(i, i + 500).map((o) => `{"r":${JSON.stringify(id)},"o":${JSON.stringify(o)}}\n`).join(''));
      }
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Moves an unreadable state file aside and says where it went. */
export function setAside(path: string, now = new Date()): string {
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  return aside;
}

/**
 * A crash loses the writes since the last save, and a restarted cluster would hand out their
 * resourceVersions again: a watcher resuming from one it saw before the crash would then
 * silently miss the new writes that reuse it. So, like etcd's revision, the counter never goes
 * back: a tiny side file reserves blocks of resourceVersions ahead of use, and a restart
 * continues after the reserved block (older resumes then get 410 Gone and relist).
 */
const RESERVE_BLOCK = 100_000;

export function reservationPath(statePath: string): string {
  return `${statePath}.rv`;
}

/** The reserved resourceVersion from an earlier run, or 0 when none (or unreadable). */
export function readReservedResourceVersion(statePath: string): number {
  const path = reservationPath(statePath);
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8').trim();
  return /^\d{1,15}$/.test(text) ? Number(text) : 0;
}

function writeReservation(statePath: string, resourceVersion: number): void {
  const path = reservationPath(statePath);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(`${path}.tmp`, 'w', 0o600);
  try {
    writeSync(fd, `${resourceVersion}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${path}.tmp`, path);
}

/**
 * Saves a few seconds after changes (not on every write), and once more on stop. A save of a
 * big fleet blocks the process for a while, so the pause between saves grows with it (at least
 * twenty times the last save's duration): the cluster spends at most ~5 % of its time saving.
 */
export class StateSaver {
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private lastDurationMs = 0;
  private reserved = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ClusterStore,
    private readonly path: string,
    private readonly intervalMs = 3000,
  ) {
    this.reserve();
    this.unsubscribe = store.subscribe(() => this.changed());
  }

  /** Keeps at least half a block reserved ahead of the counter (one small write per 50,000 changes). */
  private reserve(): void {
    const rv = Number(this.store.resourceVersion());
    if (rv <= this.reserved - RESERVE_BLOCK / 2) return;
    this.reserved = rv + RESERVE_BLOCK;
    writeReservation(this.path, this.reserved);
  }

  private changed(): void {
    this.reserve();
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.max(this.intervalMs, this.lastDurationMs * 20));
    this.timer.unref();
  }

  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    try {
      saveStateSync(this.path, this.store);
      this.lastDurationMs = performance.now() - started;
    } catch (error) {
      this.dirty = true;
      console.error(`[fleetscope] could not save the cluster state to ${this.path}: ${(error as Error).message}`);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.flush();
    // Everything handed out is saved: a clean restart continues right where this run stopped.
    if (!this.dirty) writeReservation(this.path, Number(this.store.resourceVersion()));
  }
}
