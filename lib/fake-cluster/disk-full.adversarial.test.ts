/**
 * A full disk must not break resourceVersion safety: a write is refused (503) before anything is
 * stored when its resourceVersion cannot be reserved on disk or the last save failed; every
 * stored write reaches the watchers; no resourceVersion is handed out twice across a restart;
 * and writes resume by themselves once space returns. With an injected ENOSPC, and with a real
 * full tmpfs where this machine lets the test mount one (root).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster';
import { readReservedResourceVersion, StateSaver } from './persistence';
import { bareMetalHosts, namespaces, RESOURCES } from './resources';
import type { StoreEvent } from './event-log';
import { ClusterStore } from './store';
import { bmhManifest, eventually } from '../testing/cluster';
import { METAL3_RESOURCES, type BareMetalHost } from '../bmh/types';
import { KubeClient } from '../kube/client';
import { loadKubeconfig } from '../kube/kubeconfig';

const quiet = { log: () => {} };
let dir: string | undefined;
let cluster: EmbeddedCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A disk that can be filled: writes throw ENOSPC while `full`. */
function disk() {
  const state = { full: false, failures: 0 };
  const write = (fd: number, text: string) => {
    if (state.full) {
      state.failures++;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    // Real writes otherwise.
    writeSync(fd, text);
  };
  return { state, write };
}

const createHost = (store: ClusterStore, name: string) => store.create(bareMetalHosts, bmhManifest(name, 'metal3'), 'metal3').object;

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the write was accepted');
}

describe('a full disk and resourceVersion safety', () => {
  it('a failed reservation refuses the write before storing it, and every stored write reaches the watchers', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-full-'));
    const path = join(dir, 'state.jsonl');
    const store = new ClusterStore(RESOURCES);
    if (!store.get(namespaces, undefined, 'metal3')) store.create(namespaces, { metadata: { name: 'metal3' } }, undefined);
    const { state, write } = disk();
    const saver = new StateSaver(store, path, { intervalMs: 3_600_000, reserveBlock: 10, write, ...quiet });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    state.full = true;
    const accepted: string[] = [];
    let refused: ApiError | undefined;
    for (let i = 0; i < 50 && !refused; i++) {
      try {
        accepted.push(createHost(store, `h${i}`).metadata.resourceVersion);
      } catch (error) {
        refused = error as ApiError;
      }
    }
    expect(refused?.code).toBe(503);
    expect(refused?.message).toMatch(/cannot write to its data directory.*ENOSPC.*writes are refused until it can/);
    // Nothing half-happened: what was stored was announced, and nothing more.
    expect(events.map((e) => e.object.metadata.resourceVersion)).toEqual(accepted);
    expect(store.count(bareMetalHosts)).toBe(accepted.length);
    // Every resourceVersion handed out is covered by the reservation on disk.
    expect(readReservedResourceVersion(path)).toBeGreaterThanOrEqual(Number(accepted.at(-1)));
    const rv = store.resourceVersion();
    expect(refusal(() => createHost(store, 'again')).code).toBe(503);
    expect(store.resourceVersion()).toBe(rv);
    // Space returns: the next write reserves again and goes through, no restart needed.
    state.full = false;
    expect(Number(createHost(store, 'later').metadata.resourceVersion)).toBe(Number(rv) + 1);
    saver.stop();
  });

  it('a failed save refuses writes (503) until a save succeeds again, on its own', async () => {
    dir = await mkdtemp(join(tmpdir(), 'fleetscope-full-'));
    const { state, write } = disk();
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, saveIntervalMs: 30, diskWrite: write, ...quiet });
    const client = new KubeClient<BareMetalHost>(loadKubeconfig(cluster.kubeconfigPath), METAL3_RESOURCES);
    await client.ensureNamespace('metal3');
    await client.createBmh('metal3', bmhManifest('before', 'metal3'));
    state.full = true;
    const store = cluster.store;
    // The first write after the disk filled is stored (its resourceVersion is reserved); its save fails.
    createHost(store, 'pending');
    await eventually(() => state.failures > 0, 5000, 'a failed save');
    const rv = store.resourceVersion();
    const error = await client.createBmh('metal3', bmhManifest('refused', 'metal3')).catch((e: unknown) => e);
    expect(String(error)).toMatch(/503|ServiceUnavailable|cannot write/);
    expect(store.get(bareMetalHosts, 'metal3', 'refused')).toBeUndefined();
    expect(store.resourceVersion()).toBe(rv);
    state.full = false;
    await eventually(
      () =>
        client.createBmh('metal3', bmhManifest('after', 'metal3')).then(
          () => true,
          () => false,
        ),
      5000,
      'writes to resume',
    );
    await cluster.close();
    const saved = readFileSync(join(dir, 'state.jsonl'), 'utf8');
    for (const name of ['before', 'pending', 'after']) expect(saved).toContain(`"name":"${name}"`);
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, ...quiet });
    expect(
      cluster.store
        .list(bareMetalHosts)
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual(['after', 'before', 'pending']);
  });

  const mountPoint = join(tmpdir(), `fleetscope-tmpfs-${process.pid}`);
  mkdirSync(mountPoint, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=192k', 'tmpfs', mountPoint]).status === 0;
  if (!mounted) rmSync(mountPoint, { recursive: true, force: true });

  it.skipIf(!mounted)('on a real full tmpfs: refused before storing, never reused after restart, resumes when space returns', async () => {
    try {
      const data = join(mountPoint, 'data');
      cluster = await startEmbeddedCluster({ port: 0, dataDir: data, saveIntervalMs: 20, ...quiet });
      const store = cluster.store;
      if (!store.get(namespaces, undefined, 'metal3')) store.create(namespaces, { metadata: { name: 'metal3' } }, undefined);
      const events: string[] = [];
      store.subscribe((e) => events.push(e.object.metadata.resourceVersion));
      const accepted: string[] = [];
      let refused: ApiError | undefined;
      // Fill the disk: ~1 KB per host, so a few hundred saves reach 192 KiB.
      for (let i = 0; i < 2000 && !refused; i++) {
        try {
          accepted.push(createHost(store, `h${i}`).metadata.resourceVersion);
        } catch (error) {
          refused = error as ApiError;
        }
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 25));
      }
      expect(refused?.code).toBe(503);
      expect(events).toEqual(accepted);
      const highest = Number(store.resourceVersion());
      expect(spawnSync('mount', ['-o', 'remount,size=8m', mountPoint]).status).toBe(0);
      await eventually(
        () => {
          try {
            return createHost(store, 'after-space-returned');
          } catch {
            return undefined;
          }
        },
        5000,
        'writes to resume',
      );
      await cluster.close();
      cluster = await startEmbeddedCluster({ port: 0, dataDir: data, ...quiet });
      const next = createHost(cluster.store, 'after-restart');
      expect(Number(next.metadata.resourceVersion)).toBeGreaterThan(highest + 1);
      expect(cluster.store.count(bareMetalHosts)).toBe(accepted.length + 2);
    } finally {
      await cluster?.close();
      cluster = undefined;
      spawnSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    }
  });
});
