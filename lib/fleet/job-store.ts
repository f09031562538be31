/**
 * Jobs on disk (`$FLEET_DATA_DIR/jobs.json`), so the list survives a restart of the dashboard:
 * written at most once a second while jobs change, and once more when the dashboard stops.
 * A damaged or foreign file is set aside and the list starts empty, never refusing to start.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { JobView } from './jobs';

const FILE = 'jobs.json';
const VERSION = 1;

const savedJob = z
  .object({
    id: z.string().max(64),
    action: z.string().max(32),
    total: z.number().int().min(0),
    done: z.number().int().min(0),
    failed: z.number().int().min(0),
    errors: z.array(z.object({ host: z.string(), message: z.string(), kind: z.enum(['write', 'operator']).optional() })),
    state: z.enum(['running', 'succeeded', 'failed', 'partial', 'interrupted']),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
    written: z.number().int().min(0).default(0),
    goal: z.enum(['available', 'provisioned', 'powered on', 'powered off', 'gone', 'detached', 'attached']).optional(),
    reached: z.number().int().min(0).default(0),
    superseded: z.number().int().min(0).default(0),
    estimateMs: z.number().optional(),
    updatedAt: z.number().default(0),
  })
  .strip();
const savedFile = z.object({ version: z.literal(VERSION), jobs: z.array(savedJob) });

export function loadJobs(dataDir: string, log: (line: string) => void = console.warn): JobView[] {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return [];
  try {
    return savedFile.parse(JSON.parse(readFileSync(path, 'utf8'))).jobs;
  } catch (error) {
    const aside = `${path}.damaged-${Date.now()}`;
    renameSync(path, aside);
    log(`[fleetscope] ${path} could not be read (${(error as Error).message.split('\n')[0]}); set aside as ${aside}`);
    return [];
  }
}

export function saveJobs(dataDir: string, jobs: JobView[]): void {
  const path = join(dataDir, FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify({ version: VERSION, jobs }));
  renameSync(`${path}.tmp`, path);
}

/** Saves through `save` at most every `everyMs` while changes come; `flush` writes what is pending at once. */
export function throttledSaver(save: () => void, everyMs = 1000): { changed: () => void; flush: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      save();
    } catch (error) {
      console.error(`[fleetscope] could not save the jobs: ${(error as Error).message}`);
    }
  };
  return {
    changed: () => {
      dirty = true;
      timer ??= setTimeout(flush, everyMs);
      timer.unref?.();
    },
    flush,
  };
}
