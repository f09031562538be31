import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldPath, parseScenarioText, ScenarioError, validateScenario } from './scenario';

const ok = {
  name: 'seed',
  steps: [{ create: { count: 10 } }, { waitFor: { state: 'available', timeoutSeconds: 60 } }, { provision: {} }, { delete: {} }, { waitFor: { gone: true } }],
  thresholds: [
    { metric: 'Provisioning.p95Seconds', max: 30 },
    { metric: 'Enrollment.throughputHostsPerMin', min: 100 },
    { metric: 'errors', max: 0 },
  ],
};

function errorOf(input: unknown): ScenarioError {
  try {
    validateScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('scenario validation', () => {
  it('accepts the issue example and derives nothing surprising', () => {
    const s = validateScenario(ok);
    expect(s.steps).toHaveLength(5);
    expect(s.thresholds).toHaveLength(3);
  });

  it('reads YAML and JSON text alike', () => {
    const yaml = 'name: seed\nsteps:\n  - create: {count: 3, batch: 1, everySeconds: 0.5}\n  - waitFor: {state: available}\n';
    expect(parseScenarioText(yaml).steps[0]).toEqual({ create: { count: 3, batch: 1, everySeconds: 0.5 } });
    expect(parseScenarioText(JSON.stringify(ok)).name).toBe('seed');
  });

  it.each([
    ['unknown step', { name: 'x', steps: [{ create: { count: 1 } }, { reboot: {} }] }, 'steps[1].reboot'],
    ['two keys in a step', { name: 'x', steps: [{ create: { count: 1 }, pause: { seconds: 1 } }] }, 'steps[0]'],
    ['negative count', { name: 'x', steps: [{ create: { count: -1 } }] }, 'steps[0].create.count'],
    [
      'fractional count',
      { name: 'x', steps: [{ create: { count: 1 } }, { pause: { seconds: 1 } }, { provision: { count: 1.5 } }] },
      'steps[2].provision.count',
    ],
    ['count above 100,000', { name: 'x', steps: [{ create: { count: 100_001 } }] }, 'steps[0].create.count'],
    ['zero batch', { name: 'x', steps: [{ create: { count: 5, batch: 0 } }] }, 'steps[0].create.batch'],
    [
      'timeout of 0',
      { name: 'x', steps: [{ create: { count: 1 } }, { waitFor: { state: 'available', timeoutSeconds: 0 } }] },
      'steps[1].waitFor.timeoutSeconds',
    ],
    ['negative timeout', { name: 'x', steps: [{ create: { count: 1 } }, { waitFor: { gone: true, timeoutSeconds: -5 } }] }, 'steps[1].waitFor.timeoutSeconds'],
    ['unknown state', { name: 'x', steps: [{ create: { count: 1 } }, { waitFor: { state: 'ready-ish' } }] }, 'steps[1].waitFor.state'],
    ['waitFor without a target', { name: 'x', steps: [{ create: { count: 1 } }, { waitFor: {} }] }, 'steps[1].waitFor.state'],
    ['unknown field in a step', { name: 'x', steps: [{ create: { count: 1, colour: 'red' } }] }, 'steps[0].create'],
    ['unknown metric', { ...ok, thresholds: [{ metric: 'Provisioning.p42Seconds', max: 1 }] }, 'thresholds[0].metric'],
    ['metric of a phase not in the scenario', { ...ok, thresholds: [{ metric: 'PowerOff.p95Seconds', max: 1 }] }, 'thresholds[0].metric'],
    ['threshold without a bound', { ...ok, thresholds: [{ metric: 'errors' }] }, 'thresholds[0].max'],
    ['no create step', { name: 'x', steps: [{ pause: { seconds: 1 } }] }, 'steps'],
    ['an action before any create', { name: 'x', steps: [{ provision: {} }, { create: { count: 1 } }] }, 'steps[0]'],
    ['empty name', { name: ' ', steps: [{ create: { count: 1 } }] }, 'name'],
    ['bad namespace', { name: 'x', namespace: 'Not_A_Label', steps: [{ create: { count: 1 } }] }, 'namespace'],
    ['unknown limits preset', { name: 'x', twin: { limits: 'fastest' }, steps: [{ create: { count: 1 } }] }, 'twin.limits'],
    ['step that is not an object', { name: 'x', steps: ['create'] }, 'steps[0]'],
    ['unknown top-level field', { name: 'x', steps: [{ create: { count: 1 } }], step: [] }, undefined],
  ])('refuses %s, naming %s', (_what, input, field) => {
    const error = errorOf(input);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('says what is wrong with text that is not JSON or YAML', () => {
    expect(() => parseScenarioText('name: [unclosed')).toThrow(ScenarioError);
  });

  it('formats field paths the way the issue names them', () => {
    expect(fieldPath(['steps', 2, 'create', 'count'])).toBe('steps[2].create.count');
    expect(fieldPath(['thresholds', 0, 'metric'])).toBe('thresholds[0].metric');
  });

  it('never crashes on random input: always a valid scenario or a ScenarioError', () => {
    const step = fc.oneof(
      fc.record({
        create: fc.record(
          { count: fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.double()), batch: fc.option(fc.integer({ min: -1, max: 50 }), { nil: undefined }) },
          { requiredKeys: [] },
        ),
      }),
      fc.record({ waitFor: fc.record({ state: fc.constantFrom('available', 'provisioned', 'bogus'), timeoutSeconds: fc.double() }, { requiredKeys: [] }) }),
      fc.record({ provision: fc.record({ count: fc.integer({ min: -2, max: 10 }) }, { requiredKeys: [] }) }),
      fc.record({ pause: fc.record({ seconds: fc.oneof(fc.double(), fc.string()) }) }),
      fc.dictionary(fc.string(), fc.anything()),
      fc.anything(),
    );
    const scenario = fc.record(
      {
        name: fc.oneof(fc.string(), fc.integer()),
        steps: fc.array(step, { maxLength: 6 }),
        thresholds: fc.array(fc.record({ metric: fc.constantFrom('errors', 'Enrollment.p95Seconds', 'x.y', ''), max: fc.double() }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(scenario, fc.anything()), (input) => {
        try {
          const s = validateScenario(input);
          expect(s.steps.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
