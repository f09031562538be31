/**
 * Bodies are limited while they stream: a chunked upload without Content-Length is cut at 1 MiB
 * on every dashboard route that reads a body (arrayBuffer() read 1.5 GB before the check), and
 * at kube-apiserver's 3 MiB in the embedded cluster, whose connection then closes unread.
 */
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config/env';
import { getRuntime, type Runtime } from '@/lib/fleet/runtime';
import { eventually, startTestCluster, type TestCluster } from '@/lib/testing/cluster';
import { endlessBody } from '@/lib/testing/endless-body';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hosts from './hosts/route';
import * as actions from './hosts/actions/route';
import * as simulator from './simulator/route';
import { startEmbeddedCluster } from '../../lib/fake-cluster/cluster';

const MiB = 1024 * 1024;

describe('dashboard routes stop reading at 1 MiB', () => {
  let rt: Runtime;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fleetscope-bodies-'));
    rt = await getRuntime(() => parseEnv({ FLEET_API_PORT: '0', FLEET_DATA_DIR: dataDir, FLEET_PROFILE: 'instant' }), { inProcess: startEmbeddedCluster });
    await eventually(() => rt.model.synced, 10_000, 'the first list');
  });
  afterAll(async () => {
    await rt?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const routes: [string, string, (r: Request) => Promise<Response>][] = [
    ['POST /api/hosts', 'POST', hosts.POST],
    ['POST /api/hosts/actions', 'POST', actions.POST],
    ['PUT /api/simulator', 'PUT', simulator.PUT],
  ];

  it.each(routes)('%s: a 64 MiB chunked upload is cut after ~1 MiB with a 413', async (_what, method, handler) => {
    const upload = endlessBody(64 * MiB);
    const request = new Request('http://127.0.0.1:3000/api/x', {
      method,
      headers: { 'content-type': 'application/json', host: '127.0.0.1:3000' },
      body: upload.body,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('body_too_large');
    // The Request keeps a few chunks in flight; the old code read all 64 MiB.
    expect(upload.pulled()).toBeLessThanOrEqual(4 * MiB);
  });
});

describe('the embedded cluster stops reading at 3 MiB', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ log: () => {} });
  });
  afterAll(async () => cluster?.stop());

  it('a chunked 256 MiB create is answered 413 and the connection closed before most of it is sent', async () => {
    const url = new URL(cluster.url);
    const socket = connect({ host: url.hostname, port: Number(url.port), ca: cluster.caPem, servername: 'localhost' });
    await new Promise((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    socket.write(
      `POST /api/v1/namespaces HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${cluster.token}\r\n` +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    let answer = '';
    let sent = 0;
    let open = true;
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', () => (open = false));
    socket.on('error', () => (open = false));
    const chunk = Buffer.alloc(MiB, 0x20);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    while (open && sent < 256 * MiB) {
      sent += MiB;
      if (!socket.write(frame))
        await new Promise((resolve) => {
          socket.once('drain', resolve);
          socket.once('close', resolve);
        });
    }
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('RequestEntityTooLarge');
    // Socket buffers take a few MiB more; the old server read 64 MiB before it stopped.
    expect(sent).toBeLessThan(32 * MiB);
  });
});
