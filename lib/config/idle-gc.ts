/**
 * V8 collects the old generation only under pressure, so after a storm a process keeps
 * hundreds of MB of garbage resident for as long as it stays quiet (the dashboard measured 420 MB
 * RSS with 10k hosts, 200 MB after one compacting collection). Once activity has stopped for a
 * moment, one such collection gives that memory back to the system. It runs only when quiet, and at
 * most once per `minIntervalMs`, so it never competes with a storm.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollector {
  /** Something happened: collect once it has been quiet for a while. */
  active(): void;
  stop(): void;
}

/**
 * A full collection that also compacts: a plain one frees the garbage but leaves the pages the
 * survivors are scattered over (measured: 356 → 287 MB RSS plain, 356 → 117 MB compacting).
 */
function compactingGc(): (() => void) | undefined {
  try {
    const gc = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString('--expose-gc'), runInNewContext('gc') as () => void);
    return () => {
      setFlagsFromString('--compact-on-every-full-gc');
      try {
        gc();
      } finally {
        setFlagsFromString('--no-compact-on-every-full-gc');
      }
    };
  } catch {
    return undefined;
  }
}

export function idleCollector(options: { quietMs?: number; minIntervalMs?: number; now?: () => number; collect?: () => void } = {}): IdleCollector {
  const gc = options.collect ?? compactingGc();
  const quietMs = options.quietMs ?? 2000;
  const minIntervalMs = options.minIntervalMs ?? 30_000;
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let lastActivity = 0;
  let lastCollection = 0;

  const check = () => {
    timer = undefined;
    const quietFor = now() - lastActivity;
    if (quietFor < quietMs) {
      timer = setTimeout(check, quietMs - quietFor).unref();
      return;
    }
    if (now() - lastCollection < minIntervalMs) {
      timer = setTimeout(check, minIntervalMs - (now() - lastCollection)).unref();
      return;
    }
    lastCollection = now();
    gc?.();
  };

  return {
    active: () => {
      if (!gc) return;
      lastActivity = now();
      if (!timer) timer = setTimeout(check, quietMs).unref();
    },
    stop: () => clearTimeout(timer),
  };
}
