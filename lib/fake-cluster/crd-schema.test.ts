/**
 * Every default and every constraint of every CRD the embedded cluster serves (BMO's CRDs in
 * crds/, read at start), found by walking the schemas: each default is applied where a missing
 * field's parent exists, each constraint refuses a value that breaks it, naming the field as
 * kube-apiserver does. Then the ones that matter most, through the store.
 */
import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import { bareMetalHosts, firmwareSchemas, hardwareData, hostFirmwareSettings } from './resources';
import type { Schema } from './schema';
import { validate } from './schema';
import { newClusterStore } from './cluster';
import { ApiError } from './api-error';

const CRDS = [bareMetalHosts, hardwareData, hostFirmwareSettings, firmwareSchemas];

type Step = { field: string } | { item: true };
interface Found {
  path: Step[];
  schema: Schema;
}

function walk(schema: Schema, path: Step[], out: Found[]): Found[] {
  out.push({ path, schema });
  for (const [field, child] of Object.entries(schema.properties ?? {})) {
    if (field !== 'metadata' || path.length > 0) walk(child, [...path, { field }], out);
  }
  if (schema.items) walk(schema.items, [...path, { item: true }], out);
  return out;
}

const show = (path: Step[]) =>
  path
    .map((s) => ('field' in s ? `.${s.field}` : '[0]'))
    .join('')
    .replace(/^\./, '');

/** An object whose only content is the chain of parents down to `path`, with `leaf` there. */
function objectAt(path: Step[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [step, ...rest] = path as [Step, ...Step[]];
  const inner = objectAt(rest, leaf);
  return 'field' in step ? { [step.field]: inner } : [inner];
}

function valueAt(value: unknown, path: Step[]): unknown {
  return path.reduce<unknown>((v, s) => ('field' in s ? (v as Record<string, unknown>)?.[s.field] : (v as unknown[])?.[0]), value);
}

/** A value that breaks one constraint of `schema`, or undefined when it has none of that kind. */
function violations(schema: Schema): [string, unknown, string][] {
  const out: [string, unknown, string][] = [];
  // An enum of [true, false] leaves nothing of its type to refuse.
  if (schema.enum && schema.type !== 'boolean') out.push(['enum', typeof schema.enum[0] === 'string' ? 'not-a-listed-value' : -12345, 'Unsupported value']);
  if (schema.pattern) out.push(['pattern', '!!!', 'should match']);
  if (schema.maxLength !== undefined) out.push(['maxLength', 'x'.repeat(schema.maxLength + 1), 'Too long']);
  if (schema.minLength !== undefined && schema.minLength > 0) out.push(['minLength', '', 'should be at least']);
  if (schema.minimum !== undefined) out.push(['minimum', schema.minimum - 1, 'greater than or equal to']);
  if (schema.maximum !== undefined) out.push(['maximum', schema.maximum + 1, 'less than or equal to']);
  const item = schema.items?.type === 'object' ? {} : schema.items?.type === 'string' ? 'a' : 0;
  if (schema.maxItems !== undefined) out.push(['maxItems', Array.from({ length: schema.maxItems + 1 }, () => item), 'Too many']);
  if (schema.minItems !== undefined) out.push(['minItems', Array.from({ length: schema.minItems - 1 }, () => item), 'should have at least']);
  if (schema.format === 'date-time') out.push(['format', 'yesterday', 'must be of type date-time']);
  return out;
}

describe.each(CRDS.map((def) => [def.kind, def] as const))('the %s CRD', (_kind, def) => {
  const found = walk(def.schema, [], []);
  const defaults = found.filter((f) => f.schema.default !== undefined);
  const constrained = found.flatMap((f) => violations(f.schema).map(([kind, value, message]) => ({ ...f, kind, value, message })));

  it("is served with the openAPIV3Schema of BMO's CRD", () => {
    expect(def.schema.properties?.metadata).toBeDefined();
    expect(found.length).toBeGreaterThan(3);
  });

  it.skipIf(defaults.length === 0).each(defaults.map((f) => [show(f.path), f] as const))('defaults %s', (_p, f) => {
    const parent = objectAt(f.path.slice(0, -1), {});
    expect(valueAt(applyDefaults(def.schema, parent), f.path)).toEqual(f.schema.default);
  });

  it.skipIf(constrained.length === 0).each(constrained.map((c) => [c.kind, show(c.path), c] as const))('%s of %s is enforced', (_k, _p, c) => {
    const causes = validate(def.schema, objectAt(c.path, c.value), '');
    const cause = causes.find((x) => x.field === show(c.path));
    expect(cause?.message, JSON.stringify(causes)).toContain(c.message);
  });
});

describe('CRD behaviour through the store', () => {
  const host = (spec: Record<string, unknown>) => ({ metadata: { name: 'h' }, spec: { online: true, ...spec } });

  it('metal3.io_baremetalhosts.yaml:82 defaults spec.automatedCleaningMode to metadata on create', () => {
    const store = newClusterStore();
    expect(store.create(bareMetalHosts, host({}), 'metal3').object.spec).toEqual({ online: true, automatedCleaningMode: 'metadata' });
  });

  it('metal3.io_baremetalhosts.yaml:774 and :1469 default status.errorCount and provisioningFailCount on a status write', () => {
    const store = newClusterStore();
    store.create(bareMetalHosts, host({}), 'metal3');
    const status = { errorMessage: '', operationalStatus: 'OK', poweredOn: false, provisioning: { ID: '', state: 'registering' } };
    const written = store.update(bareMetalHosts, { status }, 'metal3', 'h', 'status').object.status as Record<string, unknown>;
    expect([written.errorCount, written.provisioningFailCount]).toEqual([0, 0]);
  });

  it('metal3.io_baremetalhosts.yaml:596 refuses a third software RAID volume (maxItems 2) with 422', () => {
    const store = newClusterStore();
    const volumes = [{ level: '1' }, { level: '1' }, { level: '0' }];
    const error = (() => {
      try {
        store.create(bareMetalHosts, host({ raid: { softwareRAIDVolumes: volumes } }), 'metal3');
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(error?.code).toBe(422);
    expect(error?.message).toBe('BareMetalHost.metal3.io "h" is invalid: spec.raid.softwareRAIDVolumes: Too many: 3: must have at most 2 items');
  });

  it('drops a null where the schema does not allow one (image: null), as kube-apiserver prunes it', () => {
    const store = newClusterStore();
    expect(store.create(bareMetalHosts, host({ image: null }), 'metal3').object.spec).not.toHaveProperty('image');
  });

  it('metal3.io_baremetalhosts.yaml:770-772 refuses two conditions of one type (list-type map)', () => {
    const condition = { type: 'Ready', status: 'True', reason: 'Ok', message: '', lastTransitionTime: '2026-01-01T00:00:00Z' };
    const causes = validate(bareMetalHosts.schema, { status: { conditions: [condition, condition] } }, '');
    expect(causes).toContainEqual({
      reason: 'FieldValueDuplicate',
      field: 'status.conditions[1]',
      message: 'Duplicate value: map[string]interface {}{"type":"Ready"}',
    });
  });
});
