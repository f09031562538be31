/**
 * Property-based checks of the twin (fast-check): whatever a user does to a host, in any order,
 * the pure engine keeps it in a known state with a sane status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVISIONING_STATES } from '../bmh/states';
import { ANNOTATIONS, BMH_FINALIZER, OPERATIONS, type BareMetalHost, type BareMetalHostStatus } from '../bmh/types';
import { stepsFor } from './engine';
import { toTwinHost, type SecretInfo } from './host';
import { settingsFor } from './settings';
import { matchStage, type Step } from './stages';

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
  fc.record({ kind: fc.constant('annotate' as const), key: fc.constantFrom(ANNOTATIONS.reboot, ANNOTATIONS.inspect, ANNOTATIONS.detached, ANNOTATIONS.paused), on: fc.boolean() }),
  fc.record({ kind: fc.constant('secret' as const), present: fc.boolean(), complete: fc.boolean() }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('tick' as const), n: fc.integer({ min: 1, max: 8 }) }),
);

/** Applies a stage's steps to an in-memory object, as the API would. */
function apply(bmh: BareMetalHost, steps: Step[]): BareMetalHost | undefined {
  let next: BareMetalHost = bmh;
  for (const step of steps) {
    if (step.kind === 'status') {
      const status: Record<string, unknown> = { ...next.status };
      for (const [k, v] of Object.entries(step.set)) {
        if (v === null) delete status[k];
        else if (v !== undefined) status[k] = v;
      }
      next = { ...next, status: status as BareMetalHostStatus };
    } else if (step.kind === 'object') {
      const meta = { ...next.metadata, ...(step.patch.metadata as object) } as BareMetalHost['metadata'];
      const annotations = { ...next.metadata.annotations, ...((step.patch.metadata?.annotations as object) ?? {}) } as Record<string, string | null>;
      for (const [k, v] of Object.entries(annotations)) if (v === null) delete annotations[k];
      meta.annotations = annotations as Record<string, string>;
      next = { ...next, metadata: meta, spec: { ...next.spec, ...(step.patch.spec as object) } };
      if (next.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length) return undefined;
    }
  }
  return next;
}

describe('the twin under random user actions', () => {
  it('keeps every host in a known state, with operation start ≤ end and a non-negative error count', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (actions, failureRate) => {
        const settings = { ...settingsFor('instant'), failureRates: { register: failureRate, inspect: failureRate, prepare: failureRate, provision: failureRate, deprovision: failureRate, power: failureRate } };
        let secret: SecretInfo | undefined = { resourceVersion: '1', hasUsername: true, hasPassword: true, claimed: false };
        const world = { secret: () => secret };
        let bmh: BareMetalHost | undefined = {
          metadata: { name: 'h', namespace: 'ns', uid: 'u', resourceVersion: '1', generation: 1 },
          spec: { online: true, bmc: { address: 'ipmi://10.0.0.1', credentialsName: 's' } },
        };
        let clock = Date.parse('2026-11-23T10:00:00Z');
        let dice = 0.37;
        const random = () => (dice = (dice * 9301 + 49297) % 233280 / 233280);
        for (const a of actions) {
          if (!bmh) break;
          if (a.kind === 'online') bmh = { ...bmh, spec: { ...bmh.spec, online: a.value } };
          else if (a.kind === 'image') bmh = { ...bmh, spec: { ...bmh.spec, image: a.value ? image : undefined } };
          else if (a.kind === 'annotate') {
            const annotations: Record<string, string> = { ...bmh.metadata.annotations };
            if (a.on) annotations[a.key] = '';
            else delete annotations[a.key];
            bmh = { ...bmh, metadata: { ...bmh.metadata, annotations } };
          } else if (a.kind === 'secret') secret = a.present ? { resourceVersion: '2', hasUsername: a.complete, hasPassword: true, claimed: true } : undefined;
          else if (a.kind === 'delete') bmh = { ...bmh, metadata: { ...bmh.metadata, deletionTimestamp: new Date(clock).toISOString(), finalizers: bmh.metadata.finalizers ?? [BMH_FINALIZER] } };
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
