/**
 * A damaged state file loses as little as possible and is loud about it: every valid object is
 * restored, every other line is reported with its reason, restored values are checked (a header
 * resourceVersion of 1e21 made every watch fail), and a file of any size loads (streamed; one
 * string of it stopped at V8's 512 MiB limit).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from './cluster';
import { bareMetalHosts, namespaces } from './resources';
import { bmhManifest } from '../testing/cluster';

let dir: string | undefined;
let cluster: EmbeddedCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A state file as the cluster writes it, with `n` hosts in namespace metal3. */
async function savedState(n: number): Promise<string[]> {
  dir = await mkdtemp(join(tmpdir(), 'fleetscope-damaged-'));
  const first = await startEmbeddedCluster({ port: 0, dataDir: dir, log: () => {} });
  if (!first.store.get(namespaces, undefined, 'metal3')) first.store.create(namespaces, { metadata: { name: 'metal3' } }, undefined);
  for (let i = 0; i < n; i++) first.store.create(bareMetalHosts, bmhManifest(`h${i}`, 'metal3'), 'metal3');
  await first.close();
  return (await readFile(join(dir, 'state.jsonl'), 'utf8')).split('\n').filter(Boolean);
}

describe('a damaged state file', () => {
  it('restores every valid object and reports each skipped line and why', async () => {
    const lines = await savedState(5);
    const hostLines = lines.filter((l) => l.includes('"kind":"BareMetalHost"'));
    const broken = JSON.parse(hostLines[1]!) as { o: { spec: { online: unknown } } };
    broken.o.spec.online = 'yes';
    const bigRv = JSON.parse(hostLines[2]!) as { o: { metadata: { resourceVersion: string } } };
    bigRv.o.metadata.resourceVersion = '1000000000000000000000';
    const damaged = [
      lines[0]!.replace(/"resourceVersion":\d+/, '"resourceVersion":1e21'),
      ...lines.slice(1).filter((l) => !hostLines.includes(l)),
      hostLines[0]!,
      JSON.stringify(broken),
      JSON.stringify(bigRv),
      '{"r":"metal3.io/baremetalhosts","o":{"metadata":{"name":"half',
      hostLines[3]!,
      hostLines[3]!,
      '{"r":"nothing/here","o":{"metadata":{"name":"x"}}}',
      hostLines[4]!,
    ];
    await writeFile(join(dir!, 'state.jsonl'), `${damaged.join('\n')}\n`);
    const messages: string[] = [];
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, log: (m) => messages.push(m) });
    expect(
      cluster.store
        .list(bareMetalHosts)
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual(['h0', 'h3', 'h4']);
    const [warning] = cluster.warnings();
    expect(warning).toMatch(/restored \d+ objects, skipped 6 lines/);
    expect(warning).toMatch(/line 1: the header's resourceVersion 1e\+21 is not a safe non-negative integer/);
    expect(warning).toMatch(/BareMetalHost metal3\/h1 breaks the schema: spec\.online/);
    expect(warning).toMatch(/h2: resourceVersion "1000000000000000000000" is not a safe positive integer/);
    expect(warning).toMatch(/not JSON/);
    expect(warning).toMatch(/and 1 more/);
    expect(messages.join('\n')).toContain(warning);
    // The counter is sane: writes and watches work, resourceVersions stay safe integers.
    const created = cluster.store.create(bareMetalHosts, bmhManifest('new', 'metal3'), 'metal3').object;
    expect(Number.isSafeInteger(Number(created.metadata.resourceVersion))).toBe(true);
    expect(cluster.store.eventsSince(Number(created.metadata.resourceVersion) - 1)).toHaveLength(1);
  });

  it('a state file over 512 MiB loads (streamed, not one string)', async () => {
    const lines = await savedState(3);
    // Valid JSON lines padded with whitespace: the file is big, the objects small.
    const pad = ' '.repeat(8 * 1024 * 1024);
    const out = createWriteStream(join(dir!, 'state.jsonl'));
    const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', () => resolve())));
    await write(`${lines[0]}\n`);
    for (const line of lines.slice(1)) await write(`${line}\n`);
    for (let i = 0; i < 70; i++) await write(`${lines.at(-1)}${pad}\n`);
    await new Promise((resolve) => out.end(resolve));
    cluster = await startEmbeddedCluster({ port: 0, dataDir: dir, log: () => {} });
    expect(cluster.store.count(bareMetalHosts)).toBe(3);
    // The 70 padded copies of the last host are duplicates, reported as such.
    expect(cluster.warnings()[0]).toMatch(/skipped 70 lines .*a second copy/);
  }, 120_000);
});
