import 'server-only';
/**
 * One run: executes a scenario's steps against the cluster through the dashboard's client and
 * records every change of its hosts that the dashboard's fleet model delivers (no polling).
 * Waits are event-driven too: each change re-checks only the host that changed.
 */
import type { FleetIndex } from '../bmh/fleet-index';
import type { HostView } from '../bmh/host-view';
import type { Image } from '../api/contract';
import { planHosts, type Taken } from '../fleet/host-factory';
import type { ChangeListener } from '../fleet/model';
import { errorMessage } from '../kube/errors';
import type { TwinSample } from './bottleneck';
import { atTarget, derivePhases, describeTarget, type PhaseDef, type Target } from './phases';
import { emptyRecord, noteWrite, noteWriteFailed, observe } from './record';
import { buildReport, type RunReport, type RunStatus } from './report';
import { DEFAULT_NAMESPACE, type Scenario, type Step } from './scenario';
import type { RunSettings } from './settings';
import { createHost, pool, sleep, writeHost, type HostWrite, type RunClient } from './writes';

export interface RunDeps {
  client: RunClient;
  index: FleetIndex;
  subscribe: (listener: ChangeListener) => () => void;
  /** Names, MACs and BMC addresses new hosts in a namespace must avoid. */
  taken: (namespace: string) => Taken;
  now?: () => number;
  random?: () => number;
  /** Writes in flight at once within a batch. */
  writeConcurrency?: number;
}

export interface RunHost {
  key: string;
  name: string;
  secretName: string;
  /** Created and not deleted by the run. */
  alive: boolean;
}

const DEFAULT_WAIT_SECONDS = 3600;
const WRITE_KINDS: Record<string, HostWrite> = {
  provision: 'provision',
  deprovision: 'deprovision',
  powerOff: 'powerOff',
  powerOn: 'powerOn',
  delete: 'delete',
};

const observedOf = (view: HostView) => ({ state: view.state, poweredOn: view.poweredOn, errorType: view.errorType });

export function describeStep(step: Step): string {
  const [kind, args] = Object.entries(step)[0] as [string, Record<string, unknown>];
  const parts = Object.entries(args)
    .filter(([k]) => k !== 'image')
    .map(([k, v]) => `${k} ${v}`);
  return parts.length ? `${kind} (${parts.join(', ')})` : kind;
}

export class Run {
  readonly record = emptyRecord();
  readonly samples: TwinSample[] = [];
  readonly hosts: RunHost[] = [];
  readonly namespace: string;
  readonly phases: PhaseDef[];
  status: RunStatus = 'running';
  reason?: string;
  step = -1;
  finishedAt?: number;
  readonly startedAt: number;
  private readonly keys = new Set<string>();
  private readonly abort = new AbortController();
  private waitCheck?: (key: string) => void;
  private readonly now: () => number;

  constructor(
    readonly id: string,
    readonly scenario: Scenario,
    readonly settings: RunSettings,
    private readonly deps: RunDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.startedAt = this.now();
    this.namespace = scenario.namespace ?? DEFAULT_NAMESPACE;
    this.phases = derivePhases(scenario.steps);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Runs every step; resolves when the run has ended, whatever the outcome. */
  async execute(): Promise<void> {
    const unsubscribe = this.deps.subscribe((key, view, t) => {
      if (!this.keys.has(key)) return;
      observe(this.record, key, t, view && observedOf(view));
      this.waitCheck?.(key);
    });
    try {
      await this.deps.client.ensureNamespace(this.namespace);
      for (this.step = 0; this.step < this.scenario.steps.length && this.status === 'running'; this.step++) {
        await this.runStep(this.scenario.steps[this.step]!, this.step);
        if (this.abort.signal.aborted) break;
      }
      if (this.status === 'running' && !this.abort.signal.aborted) await this.settle();
      if (this.status === 'running') this.status = this.abort.signal.aborted ? 'cancelled' : 'passed';
    } catch (error) {
      this.status = 'errored';
      this.reason = errorMessage(error);
    } finally {
      unsubscribe();
      this.waitCheck = undefined;
      this.finishedAt = this.now();
    }
  }

  cancel(reason = 'cancelled by the user'): void {
    if (this.status !== 'running' || this.abort.signal.aborted) return;
    this.reason = reason;
    this.abort.abort();
  }

  report(): RunReport {
    return buildReport({
      id: this.id,
      scenario: this.scenario,
      settings: this.settings,
      record: this.record,
      samples: this.samples,
      status: this.status,
      reason: this.reason,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      now: this.now(),
    });
  }

  private async runStep(step: Step, index: number): Promise<void> {
    const phase = this.phases.find((p) => p.stepIndex === index);
    if ('create' in step) return this.create(step.create, phase!);
    if ('pause' in step) return sleep(step.pause.seconds * 1000, this.abort.signal);
    if ('waitFor' in step) {
      const w = step.waitFor;
      const target: Target = w.gone ? { gone: true } : w.state !== undefined ? { state: w.state } : { poweredOn: w.poweredOn! };
      const keys = this.hosts.filter((h) => w.gone || h.alive).map((h) => h.key);
      return this.waitUntil(target, keys, w.timeoutSeconds ?? DEFAULT_WAIT_SECONDS, `steps[${index}].waitFor`);
    }
    const [kind, args] = Object.entries(step)[0] as [string, { count?: number; batch?: number; everySeconds?: number; image?: Image }];
    return this.write(WRITE_KINDS[kind]!, args, phase!);
  }

  /** `count` hosts, `batch` at a time, a batch every `everySeconds` (all at once when absent). */
  private async batched<T>(items: T[], batch: number | undefined, everySeconds: number | undefined, task: (item: T) => Promise<void>): Promise<void> {
    const size = batch ?? items.length;
    const first = this.now();
    for (let i = 0; i * size < items.length && !this.abort.signal.aborted; i++) {
      await sleep(first + i * (everySeconds ?? 0) * 1000 - this.now(), this.abort.signal);
      await pool(items.slice(i * size, (i + 1) * size), this.deps.writeConcurrency ?? 32, this.abort.signal, task);
    }
  }

  private async create(args: { count: number; batch?: number; everySeconds?: number; online?: boolean }, phase: PhaseDef): Promise<void> {
    const planned = planHosts(args.count, this.scenario.prefix ?? 'worker', this.deps.taken(this.namespace), this.deps.random ?? Math.random);
    await this.batched(planned, args.batch, args.everySeconds, async (host) => {
      const key = `${this.namespace}/${host.name}`;
      const entry: RunHost = { key, name: host.name, secretName: host.secretName, alive: false };
      this.hosts.push(entry);
      this.keys.add(key);
      try {
        await createHost(this.deps.client, this.id, this.namespace, host, args.online ?? true, () => noteWrite(this.record, phase.name, key, this.now()));
        entry.alive = true;
      } catch (error) {
        noteWriteFailed(this.record, phase.name, key, errorMessage(error));
      }
    });
  }

  /** The hosts an action step writes to: not yet at its target first, then in creation order. */
  private targetsOf(phase: PhaseDef, count: number | undefined): RunHost[] {
    const alive = this.hosts.filter((h) => h.alive);
    const view = (h: RunHost) => this.deps.index.get(h.key);
    const notThere = alive.filter((h) => !atTarget(phase.target, view(h)));
    const there = alive.filter((h) => atTarget(phase.target, view(h)));
    return [...notThere, ...there].slice(0, count ?? alive.length);
  }

  private async write(kind: HostWrite, args: { count?: number; batch?: number; everySeconds?: number; image?: Image }, phase: PhaseDef): Promise<void> {
    await this.batched(this.targetsOf(phase, args.count), args.batch, args.everySeconds, async (host) => {
      noteWrite(this.record, phase.name, host.key, this.now());
      try {
        await writeHost(this.deps.client, kind, this.namespace, host.name, args.image);
        if (kind === 'delete') host.alive = false;
      } catch (error) {
        noteWriteFailed(this.record, phase.name, host.key, errorMessage(error));
      }
    });
  }

  /** After the last step, the last phase's hosts get the chance to reach its target. */
  private async settle(): Promise<void> {
    const lastStep = this.scenario.steps.length - 1;
    const last = this.phases[this.phases.length - 1];
    const tail = this.scenario.steps.slice(last ? last.stepIndex + 1 : 0);
    if (!last || tail.some((s) => 'waitFor' in s)) return;
    const keys = Object.keys(this.record.phases[last.name]?.starts ?? {});
    await this.waitUntil(last.target, keys, DEFAULT_WAIT_SECONDS, `steps[${lastStep}] (waiting for ${last.name} to finish)`);
  }

  /** Resolves when every key is at the target; on timeout the run fails with the count. */
  private waitUntil(target: Target, keys: string[], timeoutSeconds: number, where: string): Promise<void> {
    const ok = (key: string) => atTarget(target, this.deps.index.get(key));
    const pending = new Set(keys.filter((k) => !ok(k)));
    if (pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', finish);
        this.waitCheck = undefined;
        resolve();
      };
      const timer = setTimeout(() => {
        this.status = 'failed';
        this.reason = `${where} timed out after ${timeoutSeconds} s: ${keys.length - pending.size} of ${keys.length} hosts ${describeTarget(target)}`;
        finish();
      }, timeoutSeconds * 1000);
      this.abort.signal.addEventListener('abort', finish, { once: true });
      this.waitCheck = (key) => {
        if (pending.has(key) && ok(key)) pending.delete(key);
        if (pending.size === 0) finish();
      };
    });
  }
}
