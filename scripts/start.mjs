#!/usr/bin/env node
// `npm start`: builds the dashboard when there is no build or the sources are newer, then serves
// it on $HOST:$PORT (127.0.0.1:3000 by default). The server validates the rest of the environment.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SOURCES = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`Fleetscope cannot start: PORT must be a port number between 1 and 65535 (got ${JSON.stringify(port)})`);
  process.exit(1);
}

const buildId = join(root, '.next', 'BUILD_ID');
const clusterBundle = join(root, '.next', 'fleetscope', 'cluster.mjs');
const builtAt = existsSync(buildId) && existsSync(clusterBundle) ? Math.min(statSync(buildId).mtimeMs, statSync(clusterBundle).mtimeMs) : 0;
const changedAt = Math.max(...SOURCES.map((s) => newest(join(root, s))));
if (builtAt === 0 || changedAt > builtAt) {
  console.log(builtAt === 0 ? 'Building Fleetscope (first start)…' : 'Sources changed since the last build: rebuilding…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Next's own binary, not `npx next`: npx does not pass SIGTERM on, which would leave the server
// (and the embedded cluster under it) running after `npm start` is told to stop.
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const server = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', host], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: port, HOST: host, NEXT_TELEMETRY_DISABLED: '1' },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
