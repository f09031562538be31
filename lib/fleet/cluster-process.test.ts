import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
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
