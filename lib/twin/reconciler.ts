/**
 * The twin's IO shell: watches BareMetalHosts and Secrets through the Kubernetes API, asks the
 * pure engine what each host does next, waits the stage's delay and writes the result back
 * through the same API, the way BMO with the fixture provisioner does.
 */
import type { TwinStats } from '../api/contract';
import { BMH_API_VERSION, type BareMetalHost, type BareMetalHostStatus } from '../bmh/types';
import type { JsonPatchOp } from '../kube/client';
import { errorMessage, statusCode } from '../kube/errors';
import { ListWatch } from '../kube/list-watch';
import type { RawKubeClient } from '../kube/raw-client';
import type { KubeObject } from '../kube/object';
import { computeConditions } from './conditions';
import { planFor, stepsFor, updateSharedFixture, type SharedFixture } from './engine';
import { FIXTURE_HARDWARE } from './fixture';
import { stateOf, statusOf, toTwinHost, type SecretInfo, type TwinHost, type World } from './host';
import { TokenBucket } from './token-bucket';
import type { TwinSettings } from './settings';
import type { StatusChanges, Step } from './stages';

/** What the twin needs of the API: lists, watches and its writes (the lean client has them all). */
export type TwinApi = Pick<
  RawKubeClient<BareMetalHost>,
  'bmhPath' | 'secretPath' | 'listBmhPage' | 'listSecretPage' | 'watch' | 'patchBmhStatus' | 'patchBmh' | 'patchSecretStrategic' | 'createHardwareData' | 'patchHardwareData' | 'createEvent'
> & { close?: () => Promise<void> };

export interface TwinOptions {
  api: TwinApi;
  settings: TwinSettings;
  /** Reconcile one namespace only (BMO's -namespace flag); all when undefined. */
  namespace?: string;
  now?: () => Date;
  random?: () => number;
}

const SECRET_FINALIZER = 'baremetalhost.metal3.io/secret';
const HARDWARE_DATA_FINALIZER = 'baremetalhost.metal3.io/hardwareData';
const ECHO_TIMEOUT_MS = 10_000;
const RETRY_MS = 1000;

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const nonEmpty = (value: string | undefined) => Boolean(value && Buffer.from(value, 'base64').length > 0);

function secretInfo(secret: KubeObject): SecretInfo {
  const data = secret.data as Record<string, string> | undefined;
  return {
    resourceVersion: secret.metadata?.resourceVersion ?? '',
    hasUsername: nonEmpty(data?.username),
    hasPassword: nonEmpty(data?.password),
    claimed: (secret.metadata?.finalizers ?? []).includes(SECRET_FINALIZER),
  };
}

const EMPTY_STATUS: BareMetalHostStatus = {
  operationalStatus: '',
  errorCount: 0,
  errorMessage: '',
  poweredOn: false,
  provisioningFailCount: 0,
  provisioning: { ID: '', state: '' },
};

function mergeStatus(current: BareMetalHostStatus, set: StatusChanges): BareMetalHostStatus {
  const out: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(set)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out as BareMetalHostStatus;
}

export class Twin {
  readonly stats: TwinStats = { transitions: 0, writes: 0, failedWrites: 0, conflicts: 0, hosts: 0, scheduled: 0 };
  private readonly hosts = new Map<string, TwinHost>();
  private readonly lastSeenRv = new Map<string, string>();
  private readonly secrets = new Map<string, SecretInfo>();
  private readonly hostsBySecret = new Map<string, Set<string>>();
  private readonly timers = new Map<string, { stage: string; timer: NodeJS.Timeout }>();
  private readonly busy = new Set<string>();
  private readonly awaiting = new Map<string, { rv: string; timer: NodeJS.Timeout }>();
  /** Hosts whose stage is due, in order; a Set keeps insertion order and removes in O(1). */
  private readonly queued = new Set<string>();
  private running = 0;
  private secretsSynced = false;
  private stopped = false;
  private readonly shared: SharedFixture = { inspectionStarted: false, imageWritten: false };
  private readonly bucket: TokenBucket;
  private readonly watches: ListWatch<never>[] = [];
  private readonly world: World = { secret: (ns, name) => this.secrets.get(keyOf(ns, name)) };
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly writer: TwinApi;

  constructor(private readonly options: TwinOptions) {
    this.writer = options.api;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.bucket = new TokenBucket(options.settings.limits.qps, options.settings.limits.burst);
  }

  get settings(): TwinSettings {
    return this.options.settings;
  }

  /** Applies new settings at once; hosts waiting on a delay keep the one they drew. */
  updateSettings(settings: TwinSettings): void {
    this.options.settings = settings;
    this.bucket.configure(settings.limits.qps, settings.limits.burst);
    this.pump();
  }

  start(): void {
    const { api: client, namespace } = this.options;
    const secrets = new ListWatch<KubeObject>({
      watcher: client,
      path: client.secretPath(namespace),
      listPage: ({ limit, continueToken }) => client.listSecretPage(namespace, limit, continueToken),
      sink: {
        replace: (items) => {
          this.secrets.clear();
          for (const s of items) this.secrets.set(keyOf(s.metadata?.namespace, s.metadata?.name), secretInfo(s));
          this.secretsSynced = true;
          for (const key of this.hosts.keys()) this.evaluate(key);
        },
        event: (type, s) => {
          const key = keyOf(s.metadata?.namespace, s.metadata?.name);
          if (type === 'DELETED') this.secrets.delete(key);
          else this.secrets.set(key, secretInfo(s));
          for (const host of this.hostsBySecret.get(key) ?? []) this.evaluate(host);
        },
      },
    });
    const hosts = new ListWatch<BareMetalHost>({
      watcher: client,
      path: client.bmhPath(namespace),
      listPage: ({ limit, continueToken }) => client.listBmhPage(namespace, limit, continueToken),
      sink: {
        replace: (items) => {
          const keep = new Set<string>();
          for (const bmh of items) {
            const key = keyOf(bmh.metadata.namespace, bmh.metadata.name);
            keep.add(key);
            this.clearAwaiting(key);
            this.remember(key, bmh);
          }
          for (const key of [...this.hosts.keys()]) if (!keep.has(key)) this.forget(key);
          for (const key of keep) this.evaluate(key);
        },
        event: (type, bmh) => {
          const key = keyOf(bmh.metadata.namespace, bmh.metadata.name);
          if (type === 'DELETED') return this.forget(key);
          this.remember(key, bmh);
          const awaited = this.awaiting.get(key);
          if (awaited && awaited.rv !== bmh.metadata.resourceVersion) return;
          this.clearAwaiting(key);
          this.evaluate(key);
        },
      },
    });
    this.watches.push(secrets as ListWatch<never>, hosts as ListWatch<never>);
    void secrets.run();
    void hosts.run();
  }

  stop(): void {
    this.stopped = true;
    void this.writer.close?.().catch(() => {});
    for (const w of this.watches) w.stop();
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    for (const { timer } of this.awaiting.values()) clearTimeout(timer);
    this.timers.clear();
    this.awaiting.clear();
  }

  /** Hosts by the stage they wait in, for the simulator panel. */
  pending(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { stage } of this.timers.values()) out[stage] = (out[stage] ?? 0) + 1;
    return out;
  }

  private remember(key: string, bmh: BareMetalHost): void {
    const old = this.hosts.get(key);
    const secret = bmh.spec?.bmc?.credentialsName;
    const oldSecret = old?.bmh.spec?.bmc?.credentialsName;
    if (oldSecret !== secret) {
      if (oldSecret) this.hostsBySecret.get(keyOf(bmh.metadata.namespace, oldSecret))?.delete(key);
      if (secret) {
        const secretKey = keyOf(bmh.metadata.namespace, secret);
        const set = this.hostsBySecret.get(secretKey) ?? new Set();
        set.add(key);
        this.hostsBySecret.set(secretKey, set);
      }
    }
    this.hosts.set(key, toTwinHost(bmh));
    this.lastSeenRv.set(key, bmh.metadata.resourceVersion ?? '');
    this.stats.hosts = this.hosts.size;
  }

  private forget(key: string): void {
    const old = this.hosts.get(key);
    const secret = old?.bmh.spec?.bmc?.credentialsName;
    if (secret) this.hostsBySecret.get(keyOf(old.bmh.metadata.namespace, secret))?.delete(key);
    this.hosts.delete(key);
    this.lastSeenRv.delete(key);
    this.cancel(key);
    this.clearAwaiting(key);
    this.stats.hosts = this.hosts.size;
  }

  private cancel(key: string): void {
    const scheduled = this.timers.get(key);
    if (scheduled) clearTimeout(scheduled.timer);
    this.timers.delete(key);
    this.stats.scheduled = this.timers.size;
  }

  private clearAwaiting(key: string): void {
    const awaited = this.awaiting.get(key);
    if (awaited) clearTimeout(awaited.timer);
    this.awaiting.delete(key);
  }

  /** Decides what the host waits for next; keeps a timer that already counts down for the same stage. */
  private evaluate(key: string): void {
    if (this.stopped || !this.secretsSynced || this.busy.has(key) || this.awaiting.has(key)) return;
    const host = this.hosts.get(key);
    if (!host) return;
    const plan = planFor(host, this.world, this.options.settings, this.random, this.shared);
    const scheduled = this.timers.get(key);
    if (scheduled && plan && scheduled.stage === plan.stage.name) return;
    this.cancel(key);
    if (!plan) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.stats.scheduled = this.timers.size;
      this.enqueue(key);
    }, plan.delayMs);
    this.timers.set(key, { stage: plan.stage.name, timer });
    this.stats.scheduled = this.timers.size;
  }

  private enqueue(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.pump();
  }

  private pump(): void {
    const limit = this.options.settings.limits.concurrency || Number.POSITIVE_INFINITY;
    while (this.running < limit && this.queued.size > 0 && !this.stopped) {
      const key = this.queued.values().next().value!;
      this.queued.delete(key);
      this.running++;
      void this.reconcile(key).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async reconcile(key: string): Promise<void> {
    const host = this.hosts.get(key);
    if (!host || this.busy.has(key)) return;
    const plan = planFor(host, this.world, this.options.settings, this.random, this.shared);
    if (!plan) return;
    const now = timestamp(this.now());
    const steps = stepsFor(plan.stage, host, this.world, this.options.settings, now, this.random);
    if (steps.length === 0) return;
    this.busy.add(key);
    let lastRv: string | undefined;
    let retry = false;
    try {
      lastRv = await this.execute(host, steps, now);
      if (plan.stage.name !== 'add-finalizer') this.stats.transitions++;
      updateSharedFixture(this.shared, plan.stage);
    } catch (error) {
      const code = statusCode(error);
      if (code === 409) this.stats.conflicts++;
      else if (code !== 404) {
        this.stats.failedWrites++;
        this.stats.lastError = errorMessage(error);
        console.error("[twin]", key, plan.stage.name, this.stats.lastError);
        retry = true;
      }
    } finally {
      this.busy.delete(key);
    }
    if (retry) {
      const timer = setTimeout(() => this.enqueue(key), RETRY_MS);
      this.timers.set(key, { stage: 'retry', timer });
      return;
    }
    if (lastRv !== undefined && this.lastSeenRv.get(key) !== lastRv) {
      // Wait for our own write to come back through the watch before deciding again.
      const timer = setTimeout(() => {
        this.awaiting.delete(key);
        this.evaluate(key);
      }, ECHO_TIMEOUT_MS);
      this.awaiting.set(key, { rv: lastRv, timer });
      return;
    }
    this.evaluate(key);
  }

  /** Runs a stage's steps in order; returns the host's resourceVersion after the last write to it. */
  private async execute(host: TwinHost, steps: Step[], now: string): Promise<string | undefined> {
    const client = this.writer;
    const { namespace, name, uid } = host.bmh.metadata;
    let rv = host.bmh.metadata.resourceVersion;
    let wrote: string | undefined;
    let status = statusOf(host);
    let hasStatus = host.bmh.status !== undefined;
    for (const step of steps) {
      if (step.kind === 'event') {
        void this.write(() => client.createEvent(namespace, this.eventFor(host, step, now))).catch(() => {});
        continue;
      }
      if (step.kind === 'status') {
        const ops = this.statusOps(host, hasStatus ? status : undefined, step.set, now);
        const result = await this.write(() => client.patchBmhStatus(namespace, name, ops));
        status = mergeStatus(hasStatus ? status : EMPTY_STATUS, step.set);
        hasStatus = true;
        rv = wrote = result.metadata.resourceVersion;
      } else if (step.kind === 'object') {
        const patch = { ...step.patch, metadata: { ...step.patch.metadata, resourceVersion: rv } };
        const result = await this.write(() => client.patchBmh(namespace, name, patch));
        rv = wrote = result.metadata.resourceVersion;
      } else if (step.kind === 'secret') {
        await this.writeSecret(host, step.op, step.name);
      } else if (step.kind === 'hardwareData') {
        await this.writeHardwareData(host, step.op, uid ?? '');
      }
    }
    return wrote;
  }

  /** JSON patch ops that set the changed top-level status fields; `current` is undefined for a host with no status yet. */
  private statusOps(host: TwinHost, current: BareMetalHostStatus | undefined, set: StatusChanges, now: string): JsonPatchOp[] {
    const merged = mergeStatus(current ?? EMPTY_STATUS, set);
    // A host BMO has never written gets the zero-valued status Go would serialise (the CRD requires these fields).
    const ops: JsonPatchOp[] = current ? [] : [{ op: 'add', path: '/status', value: EMPTY_STATUS }];
    for (const [key, value] of Object.entries(set)) {
      if (value === null) {
        if ((current ?? EMPTY_STATUS)[key as keyof BareMetalHostStatus] !== undefined) ops.push({ op: 'remove', path: `/status/${key}` });
      } else if (value !== undefined) {
        ops.push({ op: 'add', path: `/status/${key}`, value });
      }
    }
    const conditions = computeConditions(
      merged.provisioning?.state ?? stateOf(host),
      merged.operationalStatus ?? '',
      merged.errorType ?? '',
      host.bmh.metadata.generation ?? 1,
      now,
      current?.conditions,
    );
    // Unchanged conditions are not sent, so the stored ones stay shared between versions.
    if (JSON.stringify(conditions) !== JSON.stringify(current?.conditions)) ops.push({ op: 'add', path: '/status/conditions', value: conditions });
    ops.push({ op: 'add', path: '/status/lastUpdated', value: now });
    return ops;
  }

  private async writeSecret(host: TwinHost, op: 'claim' | 'release', name: string): Promise<void> {
    const { namespace } = host.bmh.metadata;
    const info = this.secrets.get(keyOf(namespace, name));
    if (!info || (op === 'claim' && info.claimed)) return;
    const owner = { apiVersion: BMH_API_VERSION, kind: 'BareMetalHost', name: host.bmh.metadata.name, uid: host.bmh.metadata.uid ?? '' };
    const patch =
      op === 'claim'
        ? { metadata: { labels: { 'environment.metal3.io': 'baremetal' }, finalizers: [SECRET_FINALIZER], ownerReferences: [owner] } }
        : { metadata: { '$deleteFromPrimitiveList/finalizers': [SECRET_FINALIZER] } };
    try {
      await this.write(() => this.writer.patchSecretStrategic(namespace, name, patch));
    } catch (error) {
      if (statusCode(error) !== 404) throw error;
    }
  }

  private async writeHardwareData(host: TwinHost, op: 'create' | 'release', uid: string): Promise<void> {
    const { namespace, name } = host.bmh.metadata;
    const client = this.writer;
    try {
      if (op === 'release') {
        await this.write(() => client.patchHardwareData(namespace, name, { metadata: { finalizers: null } }));
        return;
      }
      await this.write(() =>
        client.createHardwareData(namespace, {
          apiVersion: BMH_API_VERSION,
          kind: 'HardwareData',
          metadata: {
            name,
            namespace,
            finalizers: [HARDWARE_DATA_FINALIZER],
            ownerReferences: [{ apiVersion: BMH_API_VERSION, kind: 'BareMetalHost', name, uid, controller: true }],
          },
          spec: { hardware: FIXTURE_HARDWARE },
        }),
      );
    } catch (error) {
      const code = statusCode(error);
      if (code !== 404 && code !== 409) throw error;
    }
  }

  private eventFor(host: TwinHost, step: Step & { kind: 'event' }, now: string) {
    const { namespace, name, uid, resourceVersion } = host.bmh.metadata;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${name}.${this.random().toString(16).slice(2, 18)}`, namespace },
      involvedObject: { apiVersion: BMH_API_VERSION, kind: 'BareMetalHost', name, namespace, uid, resourceVersion },
      reason: step.reason,
      message: step.message,
      type: step.type ?? 'Normal',
      source: { component: 'metal3-baremetal-controller' },
      reportingComponent: 'metal3.io/baremetal-controller',
      reportingInstance: '',
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
  }

  private async write<T>(call: () => Promise<T>): Promise<T> {
    await this.bucket.take();
    this.stats.writes++;
    return call();
  }
}
