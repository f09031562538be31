/** The core/v1 kinds the fake cluster serves: namespaces, secrets and events. */
import type { StatusCause } from '../api-error';
import type { ResourceDef } from './types';
import { anyObject, bool, int, map, obj, objectReference, str, topLevel } from './schema-builders';
import { isPlainObject, type KubeObject } from '../../kube/object';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const namespaces: ResourceDef = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  listKind: 'NamespaceList',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  hasStatus: true,
  tracksGeneration: false,
  strategicMerge: true,
  schema: topLevel({
    spec: obj({ finalizers: { type: 'array', items: str() } }),
    status: obj({ phase: str(), conditions: { type: 'array', items: anyObject() } }),
  }),
  // Like the API server's namespace strategy: every new namespace carries the `kubernetes`
  // finalizer, so deleting it empties it first.
  admit: (object, old) => ({
    object: old ? object : { ...object, spec: { ...(object.spec as object), finalizers: ['kubernetes'] }, status: { phase: 'Active' } },
    causes: [],
  }),
  columns: [
    { name: 'Status', type: 'string', description: 'The status of the namespace', priority: 0, jsonPath: '.status.phase' },
    { name: 'Age', type: 'date', description: 'CreationTimestamp', priority: 0, jsonPath: '.metadata.creationTimestamp' },
  ],
  fieldSelectors: { 'status.phase': (o) => (o.status as { phase?: string } | undefined)?.phase },
};

/** Secrets: `stringData` is folded into base64 `data`, as the API server does; `data` must be base64. */
function admitSecret(object: KubeObject): { object: KubeObject; causes: StatusCause[] } {
  const causes: StatusCause[] = [];
  const data: Record<string, string> = { ...(isPlainObject(object.data) ? (object.data as Record<string, string>) : {}) };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !BASE64.test(value)) {
      causes.push({ reason: 'FieldValueInvalid', field: `data[${key}]`, message: 'Invalid value: illegal base64 data' });
    }
  }
  if (isPlainObject(object.stringData)) {
    for (const [key, value] of Object.entries(object.stringData)) {
      data[key] = Buffer.from(String(value), 'utf8').toString('base64');
    }
  }
  for (const key of Object.keys(data)) {
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
      causes.push({
        reason: 'FieldValueInvalid',
        field: `data[${key}]`,
        message: `Invalid value: "${key}": a valid config key must consist of alphanumeric characters, '-', '_' or '.'`,
      });
    }
  }
  const { stringData: _folded, ...rest } = object;
  return { object: { ...rest, type: object.type || 'Opaque', data }, causes };
}

export const secrets: ResourceDef = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  listKind: 'SecretList',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
  tracksGeneration: false,
  strategicMerge: true,
  schema: topLevel({ data: map(str()), stringData: map(str()), type: str(), immutable: bool() }),
  admit: admitSecret,
  columns: [
    { name: 'Type', type: 'string', description: 'The type of the secret', priority: 0, jsonPath: '.type' },
    {
      name: 'Data',
      type: 'integer',
      description: 'The number of keys in the secret',
      priority: 0,
      value: (o) => Object.keys((o.data as Record<string, string> | undefined) ?? {}).length,
    },
    { name: 'Age', type: 'date', description: 'CreationTimestamp', priority: 0, jsonPath: '.metadata.creationTimestamp' },
  ],
  fieldSelectors: { type: (o) => o.type as string | undefined },
};

interface EventShape {
  involvedObject?: Record<string, string | undefined>;
  reason?: string;
  type?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  firstTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingComponent?: string;
}
const ev = (o: KubeObject) => o as unknown as EventShape;
const involved = (field: string) => (o: KubeObject) => ev(o).involvedObject?.[field];

export const events: ResourceDef = {
  group: '',
  version: 'v1',
  kind: 'Event',
  listKind: 'EventList',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  hasStatus: false,
  tracksGeneration: false,
  strategicMerge: true,
  schema: topLevel(
    {
      involvedObject: objectReference,
      reason: str(),
      message: str(),
      type: str(),
      count: int(),
      firstTimestamp: { type: 'string', nullable: true },
      lastTimestamp: { type: 'string', nullable: true },
      eventTime: { type: 'string', nullable: true },
      source: obj({ component: str(), host: str() }),
      reportingComponent: str(),
      reportingInstance: str(),
      action: str(),
      related: objectReference,
      series: anyObject(),
    },
    ['involvedObject'],
  ),
  columns: [
    {
      name: 'Last Seen',
      type: 'date',
      description: 'Time of the last occurrence',
      priority: 0,
      value: (o) => ev(o).lastTimestamp ?? ev(o).eventTime ?? o.metadata.creationTimestamp,
    },
    { name: 'Type', type: 'string', description: 'Type of this event', priority: 0, jsonPath: '.type' },
    { name: 'Reason', type: 'string', description: 'Why the action was taken', priority: 0, jsonPath: '.reason' },
    {
      name: 'Object',
      type: 'string',
      description: 'The object this event is about',
      priority: 0,
      value: (o) => `${(ev(o).involvedObject?.kind ?? '').toLowerCase()}/${ev(o).involvedObject?.name ?? ''}`,
    },
    { name: 'Message', type: 'string', description: 'A human-readable description', priority: 0, jsonPath: '.message' },
    {
      name: 'Source',
      type: 'string',
      description: 'The component reporting this event',
      priority: 1,
      value: (o) => ev(o).source?.component ?? ev(o).reportingComponent ?? '',
    },
    { name: 'Count', type: 'integer', description: 'The number of times this event has occurred', priority: 1, value: (o) => ev(o).count ?? 1 },
  ],
  fieldSelectors: {
    'involvedObject.kind': involved('kind'),
    'involvedObject.name': involved('name'),
    'involvedObject.namespace': involved('namespace'),
    'involvedObject.uid': involved('uid'),
    'involvedObject.apiVersion': involved('apiVersion'),
    'involvedObject.resourceVersion': involved('resourceVersion'),
    'involvedObject.fieldPath': involved('fieldPath'),
    reason: (o) => ev(o).reason,
    type: (o) => ev(o).type,
    source: (o) => ev(o).source?.component ?? ev(o).reportingComponent,
    reportingComponent: (o) => ev(o).reportingComponent,
  },
};
