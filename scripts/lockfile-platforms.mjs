#!/usr/bin/env node
// Records other platforms' optional native packages in package-lock.json.
//
// Why: the registry this project is developed against answers 404 for native packages of
// platforms other than Linux (darwin, win32, …). `npm install` then leaves them out of the
// lockfile, and `npm ci` refuses such a lockfile ("Missing: @next/swc-darwin-arm64@ from lock
// file", npm/cli#9846). Each missing optional package gets an entry with its version and the
// os/cpu/libc its name says, so `npm ci` skips it on every other platform, as it would anyway.
// Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'netbsd', 'openbsd', 'sunos', 'win32', 'aix', 'openharmony'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'wasm32'];

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os && !cpu) return undefined;
  const out = {};
  if (cpu) out.cpu = [cpu];
  if (os) out.os = [os];
  if (/musl/.test(base)) out.libc = ['musl'];
  else if (/gnu/.test(base) && os === 'linux') out.libc = ['glibc'];
  return out;
}

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let added = 0;
for (const [at, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || (platform.os?.[0] === process.platform && platform.cpu?.[0] === process.arch)) continue;
    // Keys in the order npm writes them, so a later `npm install` leaves the file as it is.
    const { cpu, os, libc } = platform;
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(cpu ? { cpu } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc } : {}),
      optional: true,
      ...(os ? { os } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: recorded ${added} optional packages of other platforms`);
