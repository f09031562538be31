/**
 * The embedded cluster's state on disk, so a restart keeps every host with its status, history
 * and resourceVersion order. One JSON-lines file: a header line, then one line per object.
 * Writes go to a temporary file that is renamed over the old one (atomic); loading, and what a
 * damaged file does, is state-load.ts.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { errors } from './api-error';
import { dirname } from 'node:path';
import { resourceId } from './resources';
import { STATE_FORMAT } from './state-load';
import type { ClusterStore } from './store';

const FORMAT = STATE_FORMAT;

/** How files are written: fs.writeSync, or a failing one in tests (a full disk). */
export type WriteFn = (fd: number, text: string) => void;
const fsWrite: WriteFn = (fd, text) => {
  writeSync(fd, text);
};

/**
 * Writes `path` through a temporary file renamed over it. When a write fails (ENOSPC) the
 * partial temporary file is removed, so the space it took is free again for the next attempt.
 */
function writeAtomically(path: string, body: (write: (text: string) => void) => void, write: WriteFn): void {
  const tmp = `${path}.tmp`;
  // The data directory may have been removed under a running cluster: the state is still here.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(tmp, 'w', 0o600);
  try {
    body((text) => write(fd, text));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(tmp, path);
}

/** Writes the whole store, synchronously (so it also works while the process is exiting). */
export function saveStateSync(path: string, store: ClusterStore, write: WriteFn = fsWrite): void {
  writeAtomically(
    path,
    (writeSync) => {
      writeSync(`${JSON.stringify({ format: FORMAT, resourceVersion: Number(store.resourceVersion()), savedAt: new Date().toISOString() })}\n`);
      for (const def of store.resources) {
        const id = resourceId(def);
        const objects = store.list(def);
        for (let i = 0; i < objects.length; i += 500) {
          writeSync(
            objects
              .slice(i, i + 500)
              .map((o) => `{"r":${JSON.stringify(id)},"o":${JSON.stringify(o)}}\n`)
              .join(''),
          );
        }
      }
    },
    write,
  );
}

/** Keeps a copy of a damaged state file beside it (the next save replaces the original) and says where. */
export function keepDamaged(path: string, now = new Date()): string {
  const aside = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(path, aside);
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

function writeReservation(statePath: string, resourceVersion: number, write: WriteFn = fsWrite): void {
  writeAtomically(reservationPath(statePath), (writeSync) => writeSync(`${resourceVersion}\n`), write);
}

export interface StateSaverOptions {
  intervalMs?: number;
  /** Fault injection: how files are written (a full disk throws ENOSPC). */
  write?: WriteFn;
  /** How many resourceVersions one reservation covers (tests make it small). */
  reserveBlock?: number;
  log?: (message: string) => void;
}

/**
 * Saves a few seconds after changes (not on every write), and once more on stop. A save of a
 * big fleet blocks the process for a while, so the pause between saves grows with it (at least
 * twenty times the last save's duration): the cluster spends at most ~5 % of its time saving.
 *
 * It also guards every write (store.setWriteGuard), before anything is stored: a write whose
 * resourceVersion is not reserved on disk, or any write while the last save failed (a full
 * disk), is refused with a 503 naming the cause. Nothing half-happens: no object is stored
 * without its watch event, no resourceVersion can be handed out twice after a crash, and reads
 * and watches go on. Saving is retried every interval, so writes resume once space returns.
 */
export class StateSaver {
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private lastDurationMs = 0;
  private reserved = 0;
  /** Why writes are refused now: the reservation or the last save failed (a full disk). */
  private reserveFailure?: string;
  private saveFailure?: string;
  private readonly unsubscribe: () => void;
  private readonly intervalMs: number;
  private readonly block: number;
  private readonly write: WriteFn | undefined;
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: ClusterStore,
    private readonly path: string,
    options: StateSaverOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 3000;
    this.block = options.reserveBlock ?? RESERVE_BLOCK;
    this.write = options.write;
    this.log = options.log ?? ((m) => console.error(`[fleetscope] ${m}`));
    this.reserve(Number(store.resourceVersion()));
    store.setWriteGuard((nextRv) => this.admit(nextRv));
    this.unsubscribe = store.subscribe(() => this.changed());
  }

  /** Why writes are refused now, or undefined. */
  get problem(): string | undefined {
    return this.reserveFailure ?? this.saveFailure;
  }

  /** Called before each write: refuses it (503) unless its resourceVersion is reserved on disk and saving works. */
  private admit(nextRv: number): void {
    this.reserve(nextRv);
    const problem = this.problem;
    if (problem)
      throw errors.unavailable(
        `the embedded cluster cannot write to its data directory (${problem}); writes are refused until it can, reads and watches go on`,
      );
  }

  /** Keeps at least half a block reserved ahead of the counter (one small write per 50,000 changes). */
  private reserve(nextRv: number): void {
    if (nextRv <= this.reserved - this.block / 2) return;
    try {
      writeReservation(this.path, nextRv + this.block, this.write);
      this.reserved = nextRv + this.block;
      this.report('reserve', undefined);
    } catch (error) {
      // Up to half a block is still reserved: writes go on until the counter reaches it.
      if (nextRv > this.reserved) this.report('reserve', `reserving resourceVersions in ${reservationPath(this.path)}: ${(error as Error).message}`);
    }
  }

  private report(what: 'reserve' | 'save', failure: string | undefined): void {
    const before = this.problem;
    if (what === 'reserve') this.reserveFailure = failure;
    else this.saveFailure = failure;
    if (this.problem === before) return;
    this.log(this.problem ? `writes refused: ${this.problem}` : 'the data directory is writable again: writes accepted');
  }

  private changed(): void {
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        this.flush();
        // A failed save is retried on its own, so writes resume once space returns.
        if (this.dirty) this.schedule();
      },
      Math.max(this.intervalMs, this.lastDurationMs * 20),
    );
    this.timer.unref();
  }

  flush(): void {
    if (!this.dirty) return;
    const started = performance.now();
    try {
      saveStateSync(this.path, this.store, this.write);
      this.dirty = false;
      this.lastDurationMs = performance.now() - started;
      this.report('save', undefined);
    } catch (error) {
      this.report('save', `saving ${this.path}: ${(error as Error).message}`);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.unsubscribe();
    this.store.setWriteGuard(undefined);
    this.flush();
    // Everything handed out is saved: a clean restart continues right where this run stopped.
    try {
      if (!this.dirty) writeReservation(this.path, Number(this.store.resourceVersion()), this.write);
    } catch (error) {
      this.log(
        `could not write ${reservationPath(this.path)} on stop (${(error as Error).message}); the reservation on disk still covers every resourceVersion handed out`,
      );
    }
  }
}
