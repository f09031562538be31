/**
 * Property-based checks of the twin (fast-check): whatever a user does to a host, in any order,
 * the pure engine keeps it in a known state with a sane status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVISIONING_STATES } from '../bmh/states';
import { ANNOTATIONS, BMH_FINALIZER, OPERATIONS, type BareMetalHost } from '../bmh/types';
import { stepsFor } from './engine';
import { toTwinHost, type SecretInfo } from './host';
import { settingsFor } from './settings';
import { matchStage, PHASES } from './stages';
import { apply } from './test-hosts';

const KNOWN = new Set<string>(['', ...PROVISIONING_STATES]);
const image = { url: 'http://x/i.qcow2', checksum: 'c8fc807773e5354afe61636071771906' };

type Action =
  | { kind: 'online'; value: boolean }
  | { kind: 'image'; value: boolean }
  | { kind: 'annotate'; key: string; on: boolean }
  | { kind: 'secret'; present: boolean; complete: boolean }
  | { kind: 'delete' }
  | { kind: 'tick'; n: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('online' as const), value: fc.boolean() }),
  fc.record({ kind: fc.constant('image' as const), value: fc.boolean() }),
  fc.record({
    kind: fc.constant('annotate' as const),
    key: fc.constantFrom(ANNOTATIONS.reboot, ANNOTATIONS.inspect, ANNOTATIONS.detached, ANNOTATIONS.paused),
    on: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('secret' as const), present: fc.boolean(), complete: fc.boolean() }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('tick' as const), n: fc.integer({ min: 1, max: 8 }) }),
);

describe('the twin under random user actions', () => {
  it('keeps every host in a known state, with operation start ≤ end and a non-negative error count', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (actions, failureRate) => {
        const settings = {
          ...settingsFor('instant'),
          failureRates: {
            register: failureRate,
            inspect: failureRate,
            prepare: failureRate,
            provision: failureRate,
            deprovision: failureRate,
            power: failureRate,
          },
        };
        let secret: SecretInfo | undefined = { resourceVersion: '1', hasUsername: true, hasPassword: true, claimed: true, owners: ['u'], type: 'Opaque' };
        const world = { secret: () => secret };
        let bmh: BareMetalHost | undefined = {
          metadata: { name: 'h', namespace: 'ns', uid: 'u', resourceVersion: '1', generation: 1 },
          spec: { online: true, bmc: { address: 'ipmi://10.0.0.1', credentialsName: 's' } },
        };
        let clock = Date.parse('2026-11-23T10:00:00Z');
        let dice = 0.37;
        const random = () => (dice = ((dice * 9301 + 49297) % 233280) / 233280);
        for (const a of actions) {
          if (!bmh) break;
          if (a.kind === 'online') bmh = { ...bmh, spec: { ...bmh.spec, online: a.value } };
          else if (a.kind === 'image') bmh = { ...bmh, spec: { ...bmh.spec, image: a.value ? image : undefined } };
          else if (a.kind === 'annotate') {
            const annotations: Record<string, string> = { ...bmh.metadata.annotations };
            if (a.on) annotations[a.key] = '';
            else delete annotations[a.key];
            bmh = { ...bmh, metadata: { ...bmh.metadata, annotations } };
          } else if (a.kind === 'secret')
            secret = a.present ? { resourceVersion: '2', hasUsername: a.complete, hasPassword: true, claimed: true, owners: ['u'], type: 'Opaque' } : undefined;
          else if (a.kind === 'delete')
            bmh = {
              ...bmh,
              metadata: { ...bmh.metadata, deletionTimestamp: new Date(clock).toISOString(), finalizers: bmh.metadata.finalizers ?? [BMH_FINALIZER] },
            };
          else {
            for (let i = 0; i < a.n && bmh; i++) {
              const host = toTwinHost(bmh);
              const stage = matchStage(host, world);
              if (!stage) break;
              clock += 1000;
              bmh = apply(bmh, stepsFor(stage, host, world, settings, new Date(clock).toISOString().replace(/\.\d+Z$/, 'Z'), random));
            }
          }
          if (!bmh) break;
          const status = bmh.status ?? {};
          expect(KNOWN.has(status.provisioning?.state ?? '')).toBe(true);
          expect(status.errorCount ?? 0).toBeGreaterThanOrEqual(0);
          for (const op of OPERATIONS) {
            const { start, end } = status.operationHistory?.[op] ?? {};
            if (start && end) expect(Date.parse(start)).toBeLessThanOrEqual(Date.parse(end));
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the order of stages is explicit', () => {
  const states = ['', ...PROVISIONING_STATES];
  const errorTypes = [undefined, 'registration error', 'inspection error', 'preparation error', 'provisioning error', 'power management error'];
  const anyHost = fc.record({
    state: fc.constantFrom(...states),
    operationalStatus: fc.constantFrom('', 'OK', 'error', 'detached', 'discovered'),
    errorType: fc.constantFrom(...errorTypes),
    errorMessage: fc.constantFrom('', 'x', "BMC CredentialsName secret doesn't exist The BMC secret ns/s does not exist"),
    poweredOn: fc.boolean(),
    online: fc.boolean(),
    image: fc.boolean(),
    writtenImage: fc.boolean(),
    externallyProvisioned: fc.boolean(),
    deleting: fc.boolean(),
    finalizer: fc.boolean(),
    failCount: fc.integer({ min: 0, max: 6 }),
    annotations: fc.subarray([ANNOTATIONS.reboot, ANNOTATIONS.inspect, ANNOTATIONS.detached, ANNOTATIONS.status, ANNOTATIONS.hardwareDetails]),
    secret: fc.constantFrom('good', 'missing', 'no-user', 'unclaimed', 'new-version'),
  });

  it('lets at most one stage of a phase apply to any host, so only the phase order matters (stages/index.ts)', () => {
    fc.assert(
      fc.property(anyHost, (r) => {
        const bmh: BareMetalHost = {
          metadata: {
            name: 'h',
            namespace: 'ns',
            uid: 'u',
            generation: 1,
            finalizers: r.finalizer ? [BMH_FINALIZER] : [],
            annotations: Object.fromEntries(r.annotations.map((k) => [k, k === ANNOTATIONS.hardwareDetails ? '{"cpu":{"arch":"x86_64"}}' : ''])),
            ...(r.deleting ? { deletionTimestamp: '2026-11-23T10:00:00Z' } : {}),
          },
          spec: {
            online: r.online,
            bmc: { address: 'ipmi://10.0.0.1', credentialsName: 's' },
            externallyProvisioned: r.externallyProvisioned,
            ...(r.image ? { image } : {}),
          },
          status: {
            operationalStatus: r.operationalStatus,
            ...(r.errorType ? { errorType: r.errorType } : {}),
            errorMessage: r.errorMessage,
            errorCount: 1,
            poweredOn: r.poweredOn,
            provisioningFailCount: r.failCount,
            provisioning: { state: r.state, ID: 'x', image: r.writtenImage ? image : { url: '' }, rootDeviceHints: { deviceName: '/dev/sda' } },
            goodCredentials: { credentials: { name: 's', namespace: 'ns' }, credentialsVersion: '1' },
          },
        };
        const secret: SecretInfo | undefined =
          r.secret === 'missing'
            ? undefined
            : {
                resourceVersion: r.secret === 'new-version' ? '2' : '1',
                hasUsername: r.secret !== 'no-user',
                hasPassword: true,
                claimed: r.secret !== 'unclaimed',
                owners: r.secret === 'unclaimed' ? [] : ['u'],
                type: 'Opaque',
              };
        const world = { secret: () => secret };
        const host = toTwinHost(bmh);
        for (const phase of PHASES) {
          const matching = phase.stages.filter((s) => s.when(host, world)).map((s) => s.name);
          expect(matching.length, `${phase.name}: ${matching.join(', ')}`).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
