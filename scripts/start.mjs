#!/usr/bin/env node
// `npm start`: builds the dashboard when there is no build or the sources are newer, then serves
// it on $HOST:$PORT (127.0.0.1:3000 by default). The server validates the rest of the environment.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
// Stopping. Ctrl-C reaches every process of the group at once; a supervisor (or `timeout`)
// signals `npm` alone, which exits without passing the signal on, leaving us orphaned. Either
// way the server gets one SIGTERM/SIGINT (it closes its streams, saves and stops its cluster),
// and is killed if it is still there after a grace period.
const GRACE_MS = 15_000;
let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (server.exitCode === null && server.signalCode === null) server.kill(signal);
  setTimeout(() => {
    server.kill('SIGKILL');
    process.exit(1);
  }, GRACE_MS).unref();
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal === 'SIGHUP' ? 'SIGTERM' : signal));
// Run by `npm start`: when npm (and the `sh` it runs us in) is gone, nobody is left to stop us.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  const npm = parentOf(parent);
  setInterval(() => {
    if (process.ppid !== parent || (npm > 1 && !alive(npm))) stop('SIGTERM');
  }, 500).unref();
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The parent of `pid` where /proc says (Linux), so `npm` is watched through the `sh` it runs us in. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}
