import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HostView } from '../bmh/host-view';
import { loadJobs, saveJobs } from './job-store';
import { JobRunner, type JobView, type Task } from './jobs';
import { testHostView } from '../testing/host-view';

const host = (name: string, patch: Partial<HostView> = {}): HostView => testHostView(name, { operationHistory: {} as HostView['operationHistory'], ...patch });

function fleet(names: string[]) {
  const hosts = new Map(names.map((n) => [`ns/${n}`, host(n)]));
  let now = 1000;
  const runner = new JobRunner({ lookup: (key) => hosts.get(key), now: () => now, reportEveryMs: 0 });
  const tasks = (fail: string[] = []): Task[] =>
    names.map((n) => ({
      host: `ns/${n}`,
      run: async () => {
        if (fail.includes(n)) throw new Error('HTTP 500');
      },
    }));
  return { hosts, runner, tasks, tick: (ms: number) => (now += ms) };
}

describe('jobs mean done: a host counts when it reached the goal, not when it was written', () => {
  it('a provision job runs until its hosts are provisioned; BMO errors make it partial, with the error', async () => {
    const f = fleet(['a', 'b', 'c', 'd']);
    const { job, done } = f.runner.start('provision', f.tasks());
    await done;
    let view = f.runner.get(job.id)!;
    // Every write went through, but no host is provisioned yet: not "succeeded" (issue 13: "30/30 · succeeded").
    expect(view).toMatchObject({ state: 'running', done: 4, written: 4, reached: 0, failed: 0, goal: 'provisioned' });
    f.hosts.set('ns/a', host('a', { state: 'provisioned' }));
    f.hosts.set('ns/b', host('b', { state: 'provisioned' }));
    f.hosts.set(
      'ns/c',
      host('c', {
        state: 'provisioning',
        operationalStatus: 'error',
        errorType: 'provisioning error',
        errorMessage: 'Image provisioning failed: checksum mismatch',
      }),
    );
    f.tick(10_000);
    f.runner.track();
    view = f.runner.get(job.id)!;
    expect(view).toMatchObject({ state: 'running', reached: 2, failed: 1 });
    // Half done in 10 s: the last one should take about 10 s more.
    expect(view.estimateMs).toBe(5000);
    expect(view.errors).toEqual([
      { host: 'ns/c', kind: 'operator', message: 'provisioning error: Image provisioning failed: checksum mismatch (state provisioning)' },
    ]);
    f.hosts.set('ns/d', host('d', { state: 'provisioned' }));
    f.runner.track();
    view = f.runner.get(job.id)!;
    expect(view).toMatchObject({ state: 'partial', reached: 3, failed: 1 });
    expect(view.finishedAt).toBe(11_000);
    // BMO retries: once the failed host gets there too, the job succeeded.
    f.hosts.set('ns/c', host('c', { state: 'provisioned' }));
    f.runner.track();
    expect(f.runner.get(job.id)).toMatchObject({ state: 'succeeded', reached: 4, failed: 0, errors: [] });
  });

  it('refused writes are failures of their own; a deleted job host is gone, a stuck one is named', async () => {
    const f = fleet(['a', 'b', 'c']);
    for (const n of ['a', 'b', 'c']) f.hosts.set(`ns/${n}`, host(n, { state: 'provisioned' }));
    const { job, done } = f.runner.start('deprovision', f.tasks(['a']));
    await done;
    f.hosts.delete('ns/b');
    f.tick(31 * 60_000);
    f.runner.track();
    const view = f.runner.get(job.id)!;
    expect(view).toMatchObject({ state: 'failed', written: 2, reached: 0, failed: 3 });
    expect(view.errors.map((e) => `${e.host} ${e.kind} ${e.message}`)).toEqual([
      'ns/a write HTTP 500',
      'ns/b operator the host was deleted',
      'ns/c operator stuck: provisioned for 31m',
    ]);
  });

  it('delete is done when the host is gone; a created host is on its way until the watch shows it', async () => {
    const f = fleet(['a']);
    const del = f.runner.start('delete', f.tasks());
    await del.done;
    expect(f.runner.get(del.job.id)!.state).toBe('running');
    f.hosts.delete('ns/a');
    f.runner.track();
    expect(f.runner.get(del.job.id)!.state).toBe('succeeded');
    const create = f.runner.start('create', f.tasks());
    await create.done;
    expect(f.runner.get(create.job.id)).toMatchObject({ state: 'running', failed: 0 });
    f.hosts.set('ns/a', host('a', { state: 'inspecting' }));
    f.runner.track();
    expect(f.runner.get(create.job.id)).toMatchObject({ state: 'running', reached: 0 });
    f.hosts.set('ns/a', host('a'));
    f.runner.track();
    expect(f.runner.get(create.job.id)).toMatchObject({ state: 'succeeded', reached: 1, goal: 'available' });
  });

  it('a host a later job wrote to no longer holds up the earlier job', async () => {
    const f = fleet(['a', 'b']);
    const first = f.runner.start('provision', f.tasks());
    await first.done;
    const second = f.runner.start('deprovision', [f.tasks()[0]!]);
    await second.done;
    f.hosts.set('ns/b', host('b', { state: 'provisioned' }));
    f.runner.track();
    expect(f.runner.get(first.job.id)).toMatchObject({ state: 'partial', reached: 1, superseded: 1, failed: 0 });
  });

  it('actions without a goal the model can see end with their writes', async () => {
    const f = fleet(['a', 'b']);
    const { job, done } = f.runner.start('reboot', f.tasks(['b']));
    await done;
    expect(f.runner.get(job.id)).toMatchObject({ state: 'partial', written: 1, reached: 1, failed: 1 });
    expect(f.runner.get(job.id)!.goal).toBeUndefined();
  });
});

describe('jobs survive a restart of the dashboard', () => {
  it('saved jobs come back with their start time; running ones as interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-'));
    const f = fleet(['a']);
    const running = f.runner.start('provision', f.tasks());
    await running.done;
    const finished = f.runner.start('reboot', f.tasks());
    await finished.done;
    saveJobs(dir, f.runner.list());
    const next = new JobRunner();
    next.restore(loadJobs(dir));
    const jobs = next.list();
    expect(jobs.map((j) => [j.id, j.state, j.startedAt])).toEqual([
      [finished.job.id, 'succeeded', 1000],
      [running.job.id, 'interrupted', 1000],
    ]);
  });

  it('a damaged file is set aside, and the list starts empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobs-'));
    writeFileSync(join(dir, 'jobs.json'), '{"version":1,"jobs":[{"id":');
    const logged: string[] = [];
    expect(loadJobs(dir, (line) => logged.push(line))).toEqual([] satisfies JobView[]);
    expect(readdirSync(dir).some((name) => name.startsWith('jobs.json.damaged-'))).toBe(true);
    expect(logged[0]).toMatch(/could not be read/);
  });
});
