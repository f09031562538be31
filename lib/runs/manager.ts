import 'server-only';
/**
 * The dashboard's runs: starts one at a time (runs share the cluster and the twin, and measure
 * throughput), applies a scenario's twin limits for the run and puts the old ones back after,
 * samples the twin every second, saves progress, publishes progress, cancels and cleans up.
 * Runs saved as still running by an earlier process are marked errored when it starts.
 */
import type { TwinControl } from '../twin/control';
import { ApiError as HttpError } from '../fleet/api-error';
import type { SettingsPatch } from '../api/contract';
import { thin, type TwinSample } from './bottleneck';
import { Run, type RunDeps } from './engine';
import { limitsOf } from './limit-presets';
import { buildReport, type RunReport } from './report';
import { DEFAULT_NAMESPACE, type Scenario } from './scenario';
import type { RunSettings } from './settings';
import { newRunId, type RunMeta, type RunStore, type StoredRun } from './store';
import { removeHost, pool } from './writes';
import { viewOf, type RunView } from './view';

export interface ManagerDeps {
  store: RunStore;
  run: RunDeps;
  twin?: TwinControl;
  cluster: () => RunSettings['cluster'];
  version: string;
  operator: 'twin' | 'none';
  /** FLEET_NAMESPACE: runs may only use this namespace. */
  namespace?: string;
  publish?: (view: RunView) => void;
  now?: () => number;
  random?: () => number;
  sampleEveryMs?: number;
  saveEveryMs?: number;
}

export const INTERRUPTED = 'interrupted: the dashboard stopped while the run was going on';

export class RunManager {
  private active?: { run: Run; meta: RunMeta; done: Promise<void> };
  private restored?: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly deps: ManagerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Marks runs an earlier process left "running" as errored, with their report. Once. */
  restore(): Promise<void> {
    this.restored ??= (async () => {
      for (const id of await this.deps.store.ids()) {
        const stored = await this.deps.store.load(id);
        if (!stored || stored.meta.status !== 'running' || this.active?.run.id === id) continue;
        const meta: RunMeta = { ...stored.meta, status: 'errored', reason: INTERRUPTED, finishedAt: stored.meta.finishedAt ?? this.lastSeen(stored) };
        await this.deps.store.saveReport(this.reportOf({ ...stored, meta }));
        await this.deps.store.saveMeta(meta);
      }
    })();
    return this.restored;
  }

  private lastSeen(stored: StoredRun): number {
    let last = stored.meta.startedAt;
    for (const log of Object.values(stored.record.hosts)) last = Math.max(last, log[log.length - 1]?.[0] ?? 0);
    return last;
  }

  private reportOf(stored: StoredRun): RunReport {
    const { meta } = stored;
    return buildReport({
      id: meta.id,
      scenario: stored.scenario,
      settings: stored.settings,
      record: stored.record,
      samples: stored.samples,
      status: meta.status,
      reason: meta.reason,
      startedAt: meta.startedAt,
      finishedAt: meta.finishedAt,
      now: this.now(),
    });
  }

  async start(input: Scenario): Promise<RunView> {
    await this.restore();
    const scenario = this.admit(input);
    const previous = await this.applyTwin(scenario);
    const settings = await this.settings();
    const id = newRunId(this.now(), this.deps.random ?? Math.random);
    const run = new Run(id, scenario, settings, { ...this.deps.run, now: this.deps.now, random: this.deps.random });
    const meta: RunMeta = { id, name: scenario.name, status: 'running', startedAt: run.startedAt, namespace: run.namespace, hosts: run.hosts };
    await this.deps.store.create(meta, scenario, settings);
    const done = this.drive(run, meta, previous);
    this.active = { run, meta, done };
    return viewOf(meta, run.report(), run.step);
  }

  /** The scenario as it will run, or a 4xx before anything is written. */
  private admit(input: Scenario): Scenario {
    const limit = this.deps.namespace;
    if (limit && input.namespace && input.namespace !== limit)
      throw new HttpError(400, 'namespace_not_watched', `Fleetscope is limited to namespace "${limit}" (FLEET_NAMESPACE)`, 'namespace');
    if (this.active) throw new HttpError(409, 'run_in_progress', `run ${this.active.run.id} is still going on: cancel it or wait for it to end`);
    if (input.twin && !this.deps.twin)
      throw new HttpError(409, 'no_twin', 'twin settings need the BMO twin, and a real BMO drives these hosts (FLEET_OPERATOR=none)', 'twin');
    return { ...input, namespace: input.namespace ?? limit ?? DEFAULT_NAMESPACE };
  }

  /** Sets the scenario's twin limits/profile; returns what to put back after the run. */
  private async applyTwin(scenario: Scenario): Promise<SettingsPatch | undefined> {
    const twin = this.deps.twin;
    if (!twin || !scenario.twin) return undefined;
    const before = (await twin.state()).settings;
    await twin.update({
      ...(scenario.twin.limits ? { limits: limitsOf(scenario.twin.limits) } : {}),
      ...(scenario.twin.profile ? { profile: scenario.twin.profile } : {}),
    });
    return { limits: before.limits, profile: before.profile };
  }

  private async settings(): Promise<RunSettings> {
    const state = await this.deps.twin?.state();
    return {
      cluster: this.deps.cluster(),
      fleetscopeVersion: this.deps.version,
      operator: this.deps.operator,
      twin: state
        ? {
            profile: state.settings.profile,
            limits: { ...state.settings.limits },
            failureRates: { ...state.settings.failureRates },
            sharedFixture: state.settings.sharedFixture,
          }
        : 'unknown',
    };
  }

  private async sample(run: Run): Promise<void> {
    const state = await this.deps.twin?.state().catch(() => undefined);
    if (!state) return;
    const stats = state.stats as typeof state.stats & Partial<Pick<TwinSample, 'workerWaitMs' | 'limiterWaitMs' | 'queueDepth' | 'busyWorkers'>>;
    const inDelay = Object.values(state.pending).reduce((a, b) => a + b, 0);
    run.samples.push({
      t: this.now(),
      writes: stats.writes,
      workerWaitMs: stats.workerWaitMs,
      limiterWaitMs: stats.limiterWaitMs,
      queueDepth: stats.queueDepth,
      busyWorkers: stats.busyWorkers,
      inDelay,
    });
  }

  private async drive(run: Run, meta: RunMeta, previous: SettingsPatch | undefined): Promise<void> {
    const publish = () => this.deps.publish?.(viewOf(meta, run.report(), run.step));
    await this.sample(run);
    const sampler = setInterval(() => void this.sample(run).then(publish), this.deps.sampleEveryMs ?? 1000);
    const saver = setInterval(() => void this.deps.store.saveProgress(meta, run.record, run.samples).catch(() => {}), this.deps.saveEveryMs ?? 10_000);
    try {
      await run.execute();
      await this.sample(run);
    } finally {
      clearInterval(sampler);
      clearInterval(saver);
      if (previous) await this.deps.twin?.update(previous).catch(() => {});
      const report = run.report();
      Object.assign(meta, { status: report.status, reason: report.reason, finishedAt: run.finishedAt });
      if (run.samples.length > 4000) run.samples.splice(0, run.samples.length, ...thin(run.samples, 4000));
      await this.deps.store.saveProgress(meta, run.record, run.samples);
      await this.deps.store.saveReport(report);
      this.active = undefined;
      publish();
    }
  }

  async cancel(id: string, cleanup: boolean): Promise<RunView> {
    await this.restore();
    const active = this.active?.run.id === id ? this.active : undefined;
    if (active) {
      active.run.cancel();
      await active.done;
    }
    const stored = await this.deps.store.load(id);
    if (!stored) throw new HttpError(404, 'not_found', `no run ${id}`);
    if (cleanup && !stored.meta.cleanedUp) await this.cleanup(stored.meta);
    return this.view(id) as Promise<RunView>;
  }

  private async cleanup(meta: RunMeta): Promise<void> {
    const signal = new AbortController().signal;
    await pool(meta.hosts, 32, signal, (h) => removeHost(this.deps.run.client, meta.namespace, h.name, h.secretName).catch(() => {}));
    meta.hosts.forEach((h) => (h.alive = false));
    await this.deps.store.saveMeta({ ...meta, cleanedUp: true });
  }

  async list(): Promise<RunView[]> {
    await this.restore();
    const views: RunView[] = [];
    for (const id of (await this.deps.store.ids()).reverse()) {
      const view = await this.view(id);
      if (view) views.push(view);
    }
    return views;
  }

  async view(id: string): Promise<RunView | undefined> {
    const report = await this.report(id);
    const meta = this.active?.run.id === id ? this.active.meta : await this.deps.store.meta(id);
    return report && meta ? viewOf(meta, report, this.active?.run.id === id ? this.active.run.step : undefined) : undefined;
  }

  /** The full report (live while the run goes on); undefined for an unknown run. */
  async report(id: string): Promise<RunReport | undefined> {
    await this.restore();
    if (this.active?.run.id === id) return this.active.run.report();
    const stored = await this.deps.store.load(id);
    if (!stored) return undefined;
    return stored.report ?? this.reportOf(stored);
  }

  /** The hosts a run created that still exist (what a cancel leaves behind), by name. */
  async leftBehind(id: string): Promise<string[]> {
    const meta = this.active?.run.id === id ? this.active.meta : await this.deps.store.meta(id);
    return (meta?.hosts ?? []).filter((h) => h.alive).map((h) => h.key);
  }

  async stored(id: string): Promise<StoredRun | undefined> {
    if (this.active?.run.id === id) return undefined;
    return this.deps.store.load(id);
  }

  /** Waits for the active run to end (tests, shutdown). */
  async idle(): Promise<void> {
    await this.active?.done;
  }

  activeRun(): Run | undefined {
    return this.active?.run;
  }
}
