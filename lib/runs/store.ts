import 'server-only';
/**
 * Runs on disk under FLEET_DATA_DIR/runs/, one directory per run: meta.json (status, hosts),
 * scenario.json, settings.json, record.json (the transition record and twin samples, enough to
 * redraw every curve) and, once it has ended, report.json. Every file is written whole to a
 * temporary name and renamed, so a crash leaves the old file or the new one, never half of one.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TwinSample } from './bottleneck';
import type { RunHost } from './engine';
import type { RunRecord } from './record';
import type { RunHeader, RunReport } from './report';
import type { Scenario } from './scenario';
import type { RunSettings } from './settings';

export const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

export interface RunMeta extends RunHeader {
  namespace: string;
  hosts: RunHost[];
  /** Whether cleanup removed what the run created. */
  cleanedUp?: boolean;
}

export interface StoredRun {
  meta: RunMeta;
  scenario: Scenario;
  settings: RunSettings;
  record: RunRecord;
  samples: TwinSample[];
  report?: RunReport;
}

/** `20261201-153012-a1b2`: sortable by start time, unique enough for one dashboard. */
export function newRunId(now: number, random: () => number): string {
  const iso = new Date(now).toISOString();
  const hex = Math.floor(random() * 0x10000)
    .toString(16)
    .padStart(4, '0');
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${hex}`;
}

let tmpCounter = 0;

async function writeAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, path);
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export class RunStore {
  constructor(readonly dir: string) {}

  private path(id: string, file: string): string {
    if (!RUN_ID.test(id)) throw new Error(`not a run id: ${id}`);
    return join(this.dir, id, file);
  }

  async create(meta: RunMeta, scenario: Scenario, settings: RunSettings): Promise<void> {
    await mkdir(join(this.dir, meta.id), { recursive: true });
    await writeAtomic(this.path(meta.id, 'scenario.json'), scenario);
    await writeAtomic(this.path(meta.id, 'settings.json'), settings);
    await writeAtomic(this.path(meta.id, 'meta.json'), meta);
  }

  async saveProgress(meta: RunMeta, record: RunRecord, samples: readonly TwinSample[]): Promise<void> {
    await writeAtomic(this.path(meta.id, 'record.json'), { record, samples });
    await writeAtomic(this.path(meta.id, 'meta.json'), meta);
  }

  async saveMeta(meta: RunMeta): Promise<void> {
    await writeAtomic(this.path(meta.id, 'meta.json'), meta);
  }

  async saveReport(report: RunReport): Promise<void> {
    await writeAtomic(this.path(report.id, 'report.json'), report);
  }

  async ids(): Promise<string[]> {
    const entries = await readdir(this.dir).catch(() => [] as string[]);
    return entries.filter((e) => RUN_ID.test(e)).sort();
  }

  async meta(id: string): Promise<RunMeta | undefined> {
    return readJson<RunMeta>(this.path(id, 'meta.json'));
  }

  /** Everything of one run; undefined when its directory is missing or damaged. */
  async load(id: string): Promise<StoredRun | undefined> {
    const [meta, scenario, settings, progress, report] = await Promise.all([
      readJson<RunMeta>(this.path(id, 'meta.json')),
      readJson<Scenario>(this.path(id, 'scenario.json')),
      readJson<RunSettings>(this.path(id, 'settings.json')),
      readJson<{ record: RunRecord; samples: TwinSample[] }>(this.path(id, 'record.json')),
      readJson<RunReport>(this.path(id, 'report.json')),
    ]);
    if (!meta || !scenario || !settings) return undefined;
    return { meta, scenario, settings, record: progress?.record ?? { hosts: {}, phases: {} }, samples: progress?.samples ?? [], report };
  }
}
