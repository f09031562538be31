/**
 * The twin's IO shell: watches BareMetalHosts and Secrets through the Kubernetes API, asks the
 * pure engine what each host does next, hands the wait to the scheduler and writes the result
 * back through the same API, the way BMO with the fixture provisioner does.
 */
import type { BareMetalHost } from '../bmh/types';
import { errorMessage, statusCode } from '../kube/errors';
import { ListWatch } from '../kube/list-watch';
import type { KubeObject } from '../kube/object';
import { realClock, type Clock } from './clock';
import { planFor, stepsFor } from './engine';
import { toTwinHost, type SecretInfo, type TwinHost, type World } from './host';
import { PROFILES } from './profiles';
import { passesPredicates } from './predicates';
import { HostScheduler } from './scheduler';
import type { TwinStats } from '../api/contract';
import type { TwinSettings } from './settings';
import { FRESH_FIXTURE, type SharedFixture } from './stage';
import { keyOf, secretInfo, timestamp } from './status-patch';
import { executeSteps, type TwinApi } from './writer';

export type { TwinApi } from './writer';

export interface TwinOptions {
  api: TwinApi;
  settings: TwinSettings;
  /** Reconcile one namespace only (BMO's -namespace flag); all when undefined. */
  namespace?: string;
  now?: () => Date;
  random?: () => number;
  /** The scheduler's time (timers, limiter); real by default. */
  clock?: Clock;
}

export type { TwinStats } from '../api/contract';

/** What the twin keeps per host: the object as last seen, and what it waits for. */
interface Entry {
  host: TwinHost;
  rv: string;
  /** Our own write, until the watch brings it back. */
  awaiting?: { rv: string; handle: unknown };
  /** Failed reconciles in a row, for the retry backoff. */
  failures: number;
  /** A delay a pause interrupted: resumed, not restarted, when the host is unpaused. */
  suspended?: { label: string; dueAt: number };
}

const ECHO_TIMEOUT_MS = 10_000;
/** controller-runtime's per-item backoff after a failed reconcile: 5 ms × 2^n, at most 1000 s. */
const retryDelay = (failures: number) => Math.min(5 * 2 ** failures, 1_000_000);

export class Twin {
  private readonly counts = { transitions: 0, failedWrites: 0, conflicts: 0, lastError: undefined as string | undefined };
  private readonly entries = new Map<string, Entry>();
  private readonly secrets = new Map<string, SecretInfo>();
  /** Hosts by their BMC Secret: almost always one, so an array rather than a Set (100,000 Sets are 40 MB). */
  private readonly hostsBySecret = new Map<string, string[]>();
  private readonly scheduler: HostScheduler;
  private readonly clock: Clock;
  private secretsSynced = false;
  private stopped = false;
  private shared: SharedFixture = FRESH_FIXTURE;
  private readonly watches: ListWatch<never>[] = [];
  private readonly world: World = { secret: (ns, name) => this.secrets.get(keyOf(ns, name)) };
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(private readonly options: TwinOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? realClock;
    this.scheduler = new HostScheduler({ clock: this.clock, limits: options.settings.limits, work: (key) => this.reconcile(key) });
  }

  get settings(): TwinSettings {
    return this.options.settings;
  }

  get stats(): TwinStats {
    return { ...this.scheduler.stats(), ...this.counts, hosts: this.entries.size };
  }

  /** Applies new settings at once; hosts waiting on a delay keep the one they drew. */
  updateSettings(settings: TwinSettings): void {
    this.options.settings = settings;
    this.scheduler.setLimits(settings.limits);
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
          for (const key of this.entries.keys()) this.evaluate(key);
        },
        event: (type, s) => {
          const key = keyOf(s.metadata?.namespace, s.metadata?.name);
          if (type === 'DELETED') this.secrets.delete(key);
          else this.secrets.set(key, secretInfo(s));
          // Owned Secrets pass BMO's predicate (ctrl:2651-2660, :2686), so they end a wait too.
          for (const host of this.hostsBySecret.get(key) ?? []) this.evaluate(host, true);
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
            this.remember(key, bmh);
            this.clearAwaiting(key);
          }
          for (const key of [...this.entries.keys()]) if (!keep.has(key)) this.forget(key);
          for (const key of keep) this.evaluate(key);
        },
        event: (type, bmh) => this.onHostEvent(type, bmh),
      },
    });
    this.watches.push(secrets as ListWatch<never>, hosts as ListWatch<never>);
    void secrets.run();
    void hosts.run();
  }

  stop(): void {
    this.stopped = true;
    void this.options.api.close?.().catch(() => {});
    for (const w of this.watches) w.stop();
    this.scheduler.stop();
    for (const key of this.entries.keys()) this.clearAwaiting(key);
  }

  /** Hosts by the stage they wait in, for the simulator panel. */
  pending(): Record<string, number> {
    return this.scheduler.pending();
  }

  private onHostEvent(type: string, bmh: BareMetalHost): void {
    const key = keyOf(bmh.metadata.namespace, bmh.metadata.name);
    if (type === 'DELETED') return this.forget(key);
    const before = this.entries.get(key)?.host.bmh;
    const entry = this.remember(key, bmh);
    if (entry.awaiting && entry.awaiting.rv !== bmh.metadata.resourceVersion) return;
    const echo = entry.awaiting !== undefined;
    this.clearAwaiting(key);
    this.evaluate(key, !echo && passesPredicates(before, bmh));
  }

  private remember(key: string, bmh: BareMetalHost): Entry {
    const old = this.entries.get(key);
    const secret = bmh.spec?.bmc?.credentialsName;
    const oldSecret = old?.host.bmh.spec?.bmc?.credentialsName;
    if (oldSecret !== secret) {
      if (oldSecret) this.unlinkSecret(keyOf(bmh.metadata.namespace, oldSecret), key);
      if (secret) {
        const secretKey = keyOf(bmh.metadata.namespace, secret);
        const hosts = this.hostsBySecret.get(secretKey);
        if (!hosts) this.hostsBySecret.set(secretKey, [key]);
        else if (!hosts.includes(key)) hosts.push(key);
      }
    }
    const entry: Entry = { failures: 0, ...old, host: toTwinHost(bmh), rv: bmh.metadata.resourceVersion ?? '' };
    this.entries.set(key, entry);
    return entry;
  }

  private forget(key: string): void {
    const old = this.entries.get(key);
    const secret = old?.host.bmh.spec?.bmc?.credentialsName;
    if (secret) this.unlinkSecret(keyOf(old.host.bmh.metadata.namespace, secret), key);
    this.clearAwaiting(key);
    this.entries.delete(key);
    this.scheduler.cancel(key);
  }

  private unlinkSecret(secretKey: string, host: string): void {
    const hosts = this.hostsBySecret.get(secretKey)?.filter((h) => h !== host);
    if (hosts?.length) this.hostsBySecret.set(secretKey, hosts);
    else this.hostsBySecret.delete(secretKey);
  }

  private clearAwaiting(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.awaiting) this.clock.clearTimeout(entry.awaiting.handle);
    if (entry) entry.awaiting = undefined;
  }

  /**
   * Decides what the host waits for next. A delay already counting down for the same stage is
   * kept, unless `event` (a change BMO's predicates pass) ends it, as it ends a RequeueAfter.
   */
  private evaluate(key: string, event = false): void {
    const entry = this.entries.get(key);
    if (this.stopped || !this.secretsSynced || !entry || entry.awaiting || this.scheduler.isBusy(key)) return;
    const settings = this.options.settings;
    const plan = planFor(entry.host, this.world, settings, this.random, this.shared);
    const current = this.scheduler.scheduled(key);
    if (!plan) {
      // Paused (or nothing to do): remember an interrupted delay so an unpause resumes it.
      if (current) entry.suspended = { label: current.label, dueAt: current.dueAt };
      this.scheduler.cancel(key);
      return;
    }
    const requeue = PROFILES[settings.profile].requeue;
    if (current?.label === plan.stage.name) {
      if (event && requeue) this.scheduler.cutShort(key);
      return;
    }
    let delayMs = plan.delayMs;
    if (entry.suspended?.label === plan.stage.name) {
      // An unpause is an annotation change: with requeue semantics it reconciles now; otherwise the rest of the delay.
      delayMs = requeue ? 0 : Math.max(0, entry.suspended.dueAt - this.clock.now());
    }
    entry.suspended = undefined;
    if (this.scheduler.schedule(key, plan.stage.name, delayMs) && plan.fixture) this.shared = plan.fixture;
  }

  /** One reconcile of one host by a worker; returns what to do once the worker is free. */
  private async reconcile(key: string): Promise<(() => void) | void> {
    const entry = this.entries.get(key);
    if (!entry || this.stopped) return;
    const plan = planFor(entry.host, this.world, this.options.settings, this.random, this.shared);
    if (!plan) return;
    const now = timestamp(this.now());
    const steps = stepsFor(plan.stage, entry.host, this.world, this.options.settings, now, this.random);
    if (steps.length === 0) return;
    let lastRv: string | undefined;
    try {
      lastRv = await executeSteps({ api: this.options.api, write: (call) => this.scheduler.write(call) }, entry.host, steps, now);
      if (!plan.stage.bookkeeping) this.counts.transitions++;
      entry.failures = 0;
    } catch (error) {
      const code = statusCode(error);
      if (code === 409) this.counts.conflicts++;
      else if (code !== 404) return this.retryLater(key, entry, plan.stage.name, error);
    }
    return () => this.afterWrite(key, lastRv);
  }

  private retryLater(key: string, entry: Entry, stage: string, error: unknown): void {
    this.counts.failedWrites++;
    this.counts.lastError = errorMessage(error);
    console.error('[twin]', key, stage, this.counts.lastError);
    this.scheduler.schedule(key, 'retry', retryDelay(entry.failures++));
  }

  private afterWrite(key: string, lastRv: string | undefined): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (lastRv !== undefined && entry.rv !== lastRv) {
      // Wait for our own write to come back through the watch before deciding again.
      const handle = this.clock.setTimeout(() => {
        entry.awaiting = undefined;
        this.evaluate(key);
      }, ECHO_TIMEOUT_MS);
      entry.awaiting = { rv: lastRv, handle };
      return;
    }
    this.evaluate(key);
  }
}
