import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { eventually } from '../testing/cluster';
import { ClusterStartError, startClusterChild } from './cluster-process';

let dir: string | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the embedded cluster's process", () => {
  it('fails the start with its own reason when it cannot start, and does not try again', async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker!.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-child-'));
    const log: string[] = [];
    const start = startClusterChild(parseEnv({ FLEET_API_PORT: String(port), FLEET_DATA_DIR: dir }), (line) => log.push(line));
    await expect(start).rejects.toThrow(ClusterStartError);
    await expect(start).rejects.toThrow(`Port ${port} is in use`);
    // A relaunch would come within a second; none comes.
    await new Promise((r) => setTimeout(r, 1500));
    expect(log).toEqual([]);
  });
});

describe('the cluster process tells the dashboard, and survives its own restarts', () => {
  it("a damaged state file reaches the dashboard's output and warnings; the twin during a restart rejects instead of throwing ERR_IPC_CHANNEL_CLOSED", async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-child-'));
    await writeFile(join(dir, 'state.jsonl'), '{"format":"fleetscope-state/v1","resourceVersion":5}\n{not json\n');
    const log: string[] = [];
    const child = await startClusterChild(parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dir, FLEET_PROFILE: 'instant' }), (line) => log.push(line));
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      expect(log.join('\n')).toMatch(/\[fleetscope\] WARNING: the saved cluster state .* is damaged: restored 0 objects, skipped 1 line/);
      await eventually(() => child.warnings().length === 1, 10_000, 'the warning over IPC');
      await expect(child.twin!.state()).resolves.toBeTruthy();
      process.kill(child.pid()!, 'SIGKILL');
      await eventually(
        async () =>
          (await child.twin!.state().then(
            () => false,
            (e: Error) => e.message,
          )) || false,
        5_000,
        'a refused twin call',
      );
      await expect(child.twin!.state()).rejects.toThrow(/not running|stopped|did not answer/);
      // It comes back by itself, and the twin answers again.
      await eventually(
        () =>
          child.twin!.state().then(
            () => true,
            () => false,
          ),
        20_000,
        'the restarted cluster',
      );
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await child.stop();
    }
  });
});
