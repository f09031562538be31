/**
 * A slow watcher must not make the embedded cluster buffer its whole initial list: the list goes
 * out as the client reads it (100 watchers that did not read took the cluster from 601 MB to
 * 4.35 GB). Watchers that never read are opened on a fleet, and the cluster's memory compared.
 */
import { connect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bareMetalHosts, namespaces } from './resources';
import { bmhManifest, startTestCluster, type TestCluster } from '../testing/cluster';

const HOSTS = 3000;
const WATCHERS = 40;
let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ log: () => {}, persist: false });
  if (!cluster.store.get(namespaces, undefined, 'metal3')) cluster.store.create(namespaces, { metadata: { name: 'metal3' } }, undefined);
  const pad = 'x'.repeat(1500);
  for (let i = 0; i < HOSTS; i++)
    cluster.store.create(bareMetalHosts, { ...bmhManifest(`h${i}`, 'metal3'), metadata: { name: `h${i}`, annotations: { pad } } }, 'metal3');
});
afterAll(async () => cluster?.stop());

function slowWatcher(): Promise<TLSSocket> {
  const url = new URL(cluster.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: cluster.caPem, servername: 'localhost' }, () => {
      socket.write(`GET /apis/metal3.io/v1alpha1/baremetalhosts?watch=true HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${cluster.token}\r\n\r\n`);
      // Read the first bytes (the headers), then stop reading for good.
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.on('error', reject);
  });
}

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

it(`${WATCHERS} watchers that do not read a ${HOSTS}-host list cost a socket buffer each, not the list`, async () => {
  const listBytes = JSON.stringify(cluster.store.list(bareMetalHosts)).length;
  const before = heap();
  const sockets = await Promise.all(Array.from({ length: WATCHERS }, () => slowWatcher()));
  // Let the server write what it will.
  await new Promise((r) => setTimeout(r, 1000));
  const grown = heap() - before;
  console.log(`list ${(listBytes / 1e6).toFixed(1)} MB; ${WATCHERS} slow watchers grew the cluster's heap by ${(grown / 1e6).toFixed(1)} MB`);
  // The old server queued every watcher's whole list: WATCHERS × listBytes (~200 MB here).
  expect(grown).toBeLessThan((WATCHERS * listBytes) / 4);
  for (const s of sockets) s.destroy();
});
