/** Hosts, Secrets and step readers for the twin's pure tests. */
import { BMH_FINALIZER, type BareMetalHost, type BareMetalHostSpec, type BareMetalHostStatus } from '../bmh/types';
import { toTwinHost, type SecretInfo, type World } from './host';
import { stepsFor } from './engine';
import type { TwinSettings } from './settings';
import { matchStage, type Step } from './stages';

export const NOW = '2026-11-23T10:00:00Z';
export const goodSecret: SecretInfo = { resourceVersion: '7', hasUsername: true, hasPassword: true, claimed: true, owners: ['uid-0'], type: 'Opaque' };

export interface HostSpec {
  state?: string;
  spec?: Partial<BareMetalHostSpec>;
  status?: BareMetalHostStatus;
  annotations?: Record<string, string>;
  finalizers?: string[];
  deleting?: boolean;
}

/** One-line host builder: a registered, powered-on host in `state` unless told otherwise. */
export function host({ state = 'available', spec = {}, status = {}, annotations, finalizers = [BMH_FINALIZER], deleting }: HostSpec = {}) {
  const bmh: BareMetalHost = {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: 'worker-0',
      namespace: 'metal3',
      uid: 'uid-0',
      resourceVersion: '10',
      generation: 1,
      finalizers,
      ...(annotations ? { annotations } : {}),
      ...(deleting ? { deletionTimestamp: NOW } : {}),
    },
    spec: { online: true, bmc: { address: 'ipmi://10.0.0.1:623', credentialsName: 'worker-0-bmc-secret' }, ...spec },
    status: {
      operationalStatus: 'OK',
      errorCount: 0,
      errorMessage: '',
      poweredOn: true,
      provisioning: { state, ID: state === '' ? '' : 'temporary-fake-id', image: { url: '' }, rootDeviceHints: { deviceName: '/dev/sda' } },
      goodCredentials: { credentials: { name: 'worker-0-bmc-secret', namespace: 'metal3' }, credentialsVersion: '7' },
      ...status,
    },
  };
  return toTwinHost(bmh);
}

/** The BMC Secret the host names; `null` when it does not exist. */
export function world(secret: SecretInfo | null = goodSecret, others: Record<string, SecretInfo> = {}): World {
  return { secret: (ns, name) => (ns !== 'metal3' ? undefined : name === 'worker-0-bmc-secret' ? (secret ?? undefined) : others[name]) };
}

export const statusStep = (steps: Step[]) => steps.find((s): s is Step & { kind: 'status' } => s.kind === 'status')?.set;
export const nextState = (steps: Step[]) => statusStep(steps)?.provisioning?.state;
export const events = (steps: Step[]) => steps.filter((s) => s.kind === 'event').map((s) => (s as { reason: string }).reason);

export const image = { url: 'http://192.168.222.1/cirros.img', checksum: 'c8fc807773e5354afe61636071771906' };

/** Applies a stage's steps to an in-memory object, as the API would. */
export function apply(bmh: BareMetalHost, steps: Step[]): BareMetalHost | undefined {
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

/** Runs the pure engine on one host until `done` holds or nothing applies; returns the host and the stages it went through. */
export function drive(bmh: BareMetalHost, w: World, settings: TwinSettings, done: (b: BareMetalHost) => boolean, random: () => number = () => 0.99) {
  const stages: string[] = [];
  let current: BareMetalHost | undefined = bmh;
  for (let i = 0; i < 30 && current && !done(current); i++) {
    const h = toTwinHost(current);
    const stage = matchStage(h, w);
    if (!stage) break;
    stages.push(stage.name);
    const steps = stepsFor(stage, h, w, settings, NOW, random);
    if (steps.length === 0) break;
    current = apply(current, steps);
  }
  return { bmh: current, stages };
}
