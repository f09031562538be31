/**
 * The three patch formats kubectl and client-node send: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902) and, for built-in kinds, strategic merge patch. Unchanged subtrees keep their
 * identity, so stored objects share what did not change.
 */
import { errors } from './api-error';
import { isPlainObject } from '../kube/object';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  switch (media) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'json';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      return undefined;
  }
}

/** RFC 7386: objects merge recursively, `null` deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const base = isPlainObject(target) ? target : {};
  let out: Record<string, unknown> | undefined = isPlainObject(target) ? undefined : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      if (key in base) {
        out ??= { ...base };
        delete out[key];
      }
      continue;
    }
    const merged = mergePatch(base[key], value);
    if (merged !== base[key]) {
      out ??= { ...base };
      out[key] = merged;
    }
  }
  return out ?? base;
}

interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw errors.badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function shallowCopy(value: Container): Container {
  return Array.isArray(value) ? [...value] : { ...value };
}

function childOf(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return /^\d+$/.test(token) ? node[Number(token)] : undefined;
  return isPlainObject(node) ? node[token] : undefined;
}

function getAt(doc: unknown, path: string): unknown {
  let node = doc;
  for (const token of parsePointer(path)) {
    node = childOf(node, token);
    if (node === undefined) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
  }
  return node;
}

/**
 * Returns a copy of `doc` in which only the containers on the pointer's path are new; the
 * callback edits the (copied) parent of the last token. Everything off the path is shared.
 */
function editAt(doc: unknown, path: string, edit: (parent: Container, key: string) => void): unknown {
  const tokens = parsePointer(path);
  if (!isContainer(doc)) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
  const root = shallowCopy(doc);
  let node: Container = root;
  for (const token of tokens.slice(0, -1)) {
    const child = childOf(node, token);
    if (!isContainer(child)) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
    const copy = shallowCopy(child);
    (node as Record<string, unknown>)[token] = copy;
    node = copy;
  }
  edit(node, tokens[tokens.length - 1]!);
  return root;
}

function arrayIndex(parent: unknown[], key: string, path: string, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return parent.length;
  const index = Number(key);
  const max = allowEnd ? parent.length : parent.length - 1;
  if (!/^\d+$/.test(key) || index > max) throw errors.unprocessable(`Unable to access invalid index: ${key} at ${path}`);
  return index;
}

function removeAt(doc: unknown, path: string): { doc: unknown; removed: unknown } {
  let removed: unknown;
  const next = editAt(doc, path, (parent, key) => {
    if (Array.isArray(parent)) {
      removed = parent.splice(arrayIndex(parent, key, path, false), 1)[0];
      return;
    }
    if (!(key in parent)) throw errors.unprocessable(`doc is missing path: "${path}": missing value`);
    removed = parent[key];
    delete parent[key];
  });
  return { doc: next, removed };
}

function addAt(doc: unknown, path: string, value: unknown, replace: boolean): unknown {
  if (path === '') return value;
  return editAt(doc, path, (parent, key) => {
    if (Array.isArray(parent)) {
      const i = arrayIndex(parent, key, path, !replace);
      if (replace) parent[i] = value;
      else parent.splice(i, 0, value);
      return;
    }
    if (replace && !(key in parent)) throw errors.unprocessable(`doc is missing key: ${path}: missing value`);
    parent[key] = value;
  });
}

/** RFC 6902; any failed op fails the whole patch. The target is not changed. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw errors.badRequest('the server rejected our request due to an error in our request: json patch must be an array of operations');
  let doc = target;
  for (const raw of ops) {
    if (!isPlainObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw errors.badRequest('the server rejected our request due to an error in our request: each json patch operation needs "op" and "path"');
    }
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, op.value, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, op.value, true);
        break;
      case 'remove':
        doc = removeAt(doc, op.path).doc;
        break;
      case 'move': {
        const { doc: without, removed } = removeAt(doc, op.from ?? '');
        doc = addAt(without, op.path, removed, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, getAt(doc, op.from ?? ''), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) {
          throw errors.unprocessable(`testing value ${op.path} failed: test failed`);
        }
        break;
      default:
        throw errors.badRequest(`the server rejected our request due to an error in our request: Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}

/** List fields of the built-in kinds we serve that strategic merge patch merges by a key. */
const MERGE_KEYS: Record<string, string> = { ownerReferences: 'uid' };
/** Primitive lists with patch strategy "merge" (a union rather than a replacement). */
const MERGED_PRIMITIVE_LISTS = new Set(['finalizers']);

/**
 * Strategic merge patch for the built-in kinds: a merge patch that understands the `$patch`,
 * `$retainKeys`, `$deleteFromPrimitiveList/…` and `$setElementOrder/…` directives kubectl sends,
 * and merges the few keyed lists those kinds have.
 */
export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return undefined;
  const base: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const drop = new Set(Array.isArray(value) ? value : []);
      if (Array.isArray(base[field])) base[field] = (base[field] as unknown[]).filter((v) => !drop.has(v));
      continue;
    }
    if (value === null) {
      delete base[key];
    } else if (Array.isArray(value) && MERGE_KEYS[key] && Array.isArray(base[key])) {
      base[key] = mergeKeyedList(base[key] as unknown[], value, MERGE_KEYS[key]);
    } else if (Array.isArray(value) && MERGED_PRIMITIVE_LISTS.has(key) && Array.isArray(base[key])) {
      base[key] = [...new Set([...(base[key] as unknown[]), ...value])];
    } else if (isPlainObject(value)) {
      const merged = strategicMergePatch(base[key], value);
      if (merged === undefined) delete base[key];
      else base[key] = merged;
    } else {
      base[key] = value;
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    const keep = new Set(patch.$retainKeys as string[]);
    for (const key of Object.keys(base)) if (!keep.has(key)) delete base[key];
  }
  return base;
}

function mergeKeyedList(base: unknown[], patch: unknown[], mergeKey: string): unknown[] {
  const out = [...base];
  for (const item of patch) {
    if (!isPlainObject(item)) continue;
    const index = out.findIndex((existing) => isPlainObject(existing) && existing[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
    } else if (index >= 0) {
      out[index] = strategicMergePatch(out[index], item);
    } else {
      out.push(item);
    }
  }
  return out;
}
