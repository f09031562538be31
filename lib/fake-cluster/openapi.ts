/**
 * OpenAPI v3 documents per group-version. kubectl reads them to learn that the server validates
 * fields itself (`fieldValidation` on PATCH), so `kubectl apply` never needs the protobuf v2
 * document, and `kubectl explain bmh.spec` works.
 */
import { createHash } from 'node:crypto';
import { apiVersionOf, type ResourceDef } from './resources';
import type { Schema } from './schema';

function groupVersionPath(def: ResourceDef): string {
  return def.group ? `apis/${def.group}/${def.version}` : `api/${def.version}`;
}

function schemaName(def: ResourceDef): string {
  if (!def.group) return `io.k8s.api.core.${def.version}.${def.kind}`;
  return `${def.group.split('.').reverse().join('.')}.${def.version}.${def.kind}`;
}

const queryParam = (name: string, description: string) => ({ name, in: 'query', description, schema: { type: 'string' }, uniqueItems: true });
const WRITE_PARAMS = [
  queryParam('dryRun', 'When present, indicates that modifications should not be persisted.'),
  queryParam('fieldManager', 'A name associated with the actor or entity that is making these changes.'),
  queryParam('fieldValidation', 'Ignore, Warn or Strict: what to do with unknown or duplicate fields.'),
];

function operations(def: ResourceDef, collection: boolean) {
  const gvk = { 'x-kubernetes-group-version-kind': { group: def.group, version: def.version, kind: def.kind } };
  const ref = { $ref: `#/components/schemas/${schemaName(def)}` };
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const ok = { responses: { '200': { description: 'OK', ...json(ref) } } };
  if (collection) {
    return {
      get: { operationId: `list${def.kind}`, ...gvk, 'x-kubernetes-action': 'list', ...ok },
      post: { operationId: `create${def.kind}`, ...gvk, 'x-kubernetes-action': 'post', parameters: WRITE_PARAMS, requestBody: json(ref), ...ok },
      delete: { operationId: `deletecollection${def.kind}`, ...gvk, 'x-kubernetes-action': 'deletecollection', ...ok },
    };
  }
  const patchBody = {
    content: Object.fromEntries(
      [
        'application/json-patch+json',
        'application/merge-patch+json',
        'application/apply-patch+yaml',
        ...(def.strategicMerge ? ['application/strategic-merge-patch+json'] : []),
      ].map((m) => [m, { schema: { type: 'object' } }]),
    ),
  };
  return {
    get: { operationId: `read${def.kind}`, ...gvk, 'x-kubernetes-action': 'get', ...ok },
    put: { operationId: `replace${def.kind}`, ...gvk, 'x-kubernetes-action': 'put', parameters: WRITE_PARAMS, requestBody: json(ref), ...ok },
    patch: {
      operationId: `patch${def.kind}`,
      ...gvk,
      'x-kubernetes-action': 'patch',
      parameters: [...WRITE_PARAMS, queryParam('force', 'Force is going to "force" Apply requests.')],
      requestBody: patchBody,
      ...ok,
    },
    delete: { operationId: `delete${def.kind}`, ...gvk, 'x-kubernetes-action': 'delete', ...ok },
  };
}

function document(defs: ResourceDef[]) {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, Schema & Record<string, unknown>> = {};
  for (const def of defs) {
    const base = `/${groupVersionPath(def)}`;
    const collection = def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}` : `${base}/${def.plural}`;
    paths[collection] = operations(def, true);
    paths[`${collection}/{name}`] = operations(def, false);
    if (def.hasStatus) paths[`${collection}/{name}/status`] = operations(def, false);
    schemas[schemaName(def)] = {
      ...def.schema,
      description: `${def.kind} (${apiVersionOf(def)}), as the Fleetscope embedded cluster validates it.`,
      'x-kubernetes-group-version-kind': [{ group: def.group, version: def.version, kind: def.kind }],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Fleetscope embedded cluster', version: 'v1.33.0' },
    paths,
    components: { schemas },
  };
}

function byGroupVersion(resources: readonly ResourceDef[]): Map<string, ResourceDef[]> {
  const out = new Map<string, ResourceDef[]>();
  for (const def of resources) {
    const key = groupVersionPath(def);
    out.set(key, [...(out.get(key) ?? []), def]);
  }
  return out;
}

const cache = new WeakMap<readonly ResourceDef[], Map<string, { doc: unknown; hash: string }>>();

function documents(resources: readonly ResourceDef[]) {
  let docs = cache.get(resources);
  if (!docs) {
    docs = new Map();
    for (const [key, defs] of byGroupVersion(resources)) {
      const doc = document(defs);
      const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 32).toUpperCase();
      docs.set(key, { doc, hash });
    }
    cache.set(resources, docs);
  }
  return docs;
}

export function openApiV3Index(resources: readonly ResourceDef[]) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, { hash }] of documents(resources)) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  return { paths };
}

export function openApiV3Document(resources: readonly ResourceDef[], groupVersion: string): unknown {
  return documents(resources).get(groupVersion)?.doc;
}
