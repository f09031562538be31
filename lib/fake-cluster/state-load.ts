/**
 * Loads the embedded cluster's state file (persistence.ts writes it) line by line from a stream,
 * so it loads however large it grew (a single string of it stopped at V8's 512 MiB limit). A
 * damaged file loses as little as possible: every line that holds a valid object is restored,
 * every other line is skipped with its reason, and values are checked as the API server would
 * (a resourceVersion must be a safe integer, an object must fit its schema and metadata rules).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { applyDefaults } from './defaults';
import { validateMetadata } from './metadata';
import { namespaces, resourceId, type ResourceDef } from './resources';
import { validate } from './schema';
import { isPlainObject, type StoredObject } from '../kube/object';

export const STATE_FORMAT = 'fleetscope-state/v1';

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface LoadedState {
  resourceVersion: number;
  objects: Map<ResourceDef, StoredObject[]>;
  /** Lines not restored, with why (the header's problem too, as line 1). */
  skipped: SkippedLine[];
  restored: number;
}

const SAFE_RV = /^[1-9]\d{0,14}$/;

function headerProblem(text: string): { resourceVersion: number } | string {
  let header: { format?: unknown; resourceVersion?: unknown };
  try {
    header = JSON.parse(text);
  } catch {
    return 'the header is not JSON';
  }
  if (!isPlainObject(header) || header.format !== STATE_FORMAT) return `the header is not a ${STATE_FORMAT} header`;
  const rv = header.resourceVersion;
  if (typeof rv !== 'number' || !Number.isSafeInteger(rv) || rv < 0)
    return `the header's resourceVersion ${JSON.stringify(rv)} is not a safe non-negative integer`;
  return { resourceVersion: rv };
}

/** The object of one line, or why it cannot be restored. */
function objectOf(text: string, byId: Map<string, ResourceDef>): { def: ResourceDef; obj: StoredObject } | string {
  let entry: { r?: unknown; o?: unknown };
  try {
    entry = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const def = isPlainObject(entry) && typeof entry.r === 'string' ? byId.get(entry.r) : undefined;
  if (!def) return 'not an object of a known resource';
  const obj = entry.o as StoredObject;
  if (!isPlainObject(obj) || !isPlainObject(obj.metadata) || typeof obj.metadata.name !== 'string') return `not a stored ${def.kind}`;
  const id = `${def.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata.name}`;
  if (!SAFE_RV.test(String(obj.metadata.resourceVersion)))
    return `${id}: resourceVersion ${JSON.stringify(obj.metadata.resourceVersion)} is not a safe positive integer`;
  if (typeof obj.metadata.uid !== 'string' || obj.metadata.uid === '') return `${id}: no metadata.uid`;
  if (def.namespaced !== (typeof obj.metadata.namespace === 'string' && obj.metadata.namespace !== ''))
    return `${id}: ${def.namespaced ? 'no' : 'an unexpected'} namespace`;
  // Judged with the CRD defaults applied, as store.restore keeps it (state saved before a default existed is fine).
  const causes = [...validate(def.schema, applyDefaults(def.schema, obj), ''), ...validateMetadata(obj.metadata, { label: def === namespaces })];
  if (causes.length > 0)
    return `${id} breaks the schema: ${causes
      .slice(0, 3)
      .map((c) => `${c.field ? `${c.field.replace(/^\./, '')}: ` : ''}${c.message}`)
      .join('; ')}`;
  return { def, obj };
}

export async function loadState(path: string, resources: readonly ResourceDef[]): Promise<LoadedState | undefined> {
  if (!existsSync(path)) return undefined;
  const byId = new Map(resources.map((def) => [resourceId(def), def]));
  const objects = new Map<ResourceDef, Map<string, StoredObject>>();
  const skipped: SkippedLine[] = [];
  let headerRv = 0;
  let highest = 0;
  let line = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    if (line === 1) {
      const header = headerProblem(text);
      if (typeof header === 'string') skipped.push({ line, reason: `${header}; the resourceVersion is taken from the objects` });
      else headerRv = header.resourceVersion;
      continue;
    }
    const found = objectOf(text, byId);
    if (typeof found === 'string') {
      skipped.push({ line, reason: found });
      continue;
    }
    const bucket = objects.get(found.def) ?? new Map<string, StoredObject>();
    objects.set(found.def, bucket);
    const key = `${found.obj.metadata.namespace ?? ''}/${found.obj.metadata.name}`;
    if (bucket.has(key)) skipped.push({ line, reason: `${found.def.kind} ${key}: a second copy (the first is kept)` });
    else bucket.set(key, found.obj);
    highest = Math.max(highest, Number(found.obj.metadata.resourceVersion));
  }
  const restored = [...objects.values()].reduce((n, b) => n + b.size, 0);
  return { resourceVersion: Math.max(headerRv, highest), objects: new Map([...objects].map(([def, b]) => [def, [...b.values()]])), skipped, restored };
}

/** One message for the log and the page: what was restored, what was skipped and why. */
export function describeSkipped(path: string, state: LoadedState, keptAt: string): string {
  const shown = state.skipped.slice(0, 5).map((s) => `line ${s.line}: ${s.reason}`);
  const more = state.skipped.length > shown.length ? `; and ${state.skipped.length - shown.length} more` : '';
  return (
    `the saved cluster state ${path} is damaged: restored ${state.restored} objects, skipped ${state.skipped.length} ` +
    `line${state.skipped.length === 1 ? '' : 's'} (${shown.join('; ')}${more}). The file as it was is kept at ${keptAt}.`
  );
}
