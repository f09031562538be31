#!/usr/bin/env node
// `npm test`: every suite in turn — type check, lint, format, unit and integration tests (vitest:
// the embedded cluster, the twin, client-node and kubectl), the production build, the scenario
// CLI against that build, the end-to-end tests in Chromium (Playwright), and a small smoke run of the benchmark.
// It ends with one line, `N passed, N failed`, summed over all suites.
// TEST_SUITES=unit,e2e (comma-separated names) runs a subset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = '.test-reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const vitestCounts = (path) => () => {
  const r = readJson(path);
  return r && { passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0) };
};

const SUITES = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings=0', '.'] },
  // The house format (.prettierrc.json); `npx prettier --write .` fixes what this finds.
  { name: 'format', cmd: ['npx', 'prettier', '--check', '.'] },
  {
    name: 'unit',
    cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`],
    counts: vitestCounts(`${REPORTS}/vitest.json`),
  },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'], env: { NEXT_TELEMETRY_DISABLED: '1' } },
  {
    // Tests of the scenario CLI drive the production build, so they run once it exists.
    name: 'cli',
    needs: 'build',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'vitest.after-build.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/vitest-cli.json`,
    ],
    counts: vitestCounts(`${REPORTS}/vitest-cli.json`),
  },
  {
    // Attacks on the built dashboard (proxy, HEAD, sockets, memory): adversarial/, loopback only.
    name: 'adversarial',
    needs: 'build',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'adversarial/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${REPORTS}/adversarial.json`,
    ],
    counts: vitestCounts(`${REPORTS}/adversarial.json`),
  },
  {
    name: 'e2e',
    needs: 'build',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: `${REPORTS}/playwright.json`, CI: '1' },
    counts: () => {
      const r = readJson(`${REPORTS}/playwright.json`);
      return r && { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
    },
  },
  {
    name: 'bench-smoke',
    needs: 'build',
    optional: !existsSync('bench/main.ts'),
    cmd: ['npx', 'tsx', 'bench/main.ts', '--smoke'],
  },
];

const only = process.env.TEST_SUITES?.split(',').map((s) => s.trim());
const results = [];
for (const suite of SUITES) {
  if (suite.optional || (only && !only.includes(suite.name))) continue;
  const blocked = suite.needs && results.find((r) => r.name === suite.needs && r.failed > 0);
  if (blocked) {
    results.push({ name: suite.name, passed: 0, failed: 1, note: `not run: ${suite.needs} failed` });
    continue;
  }
  console.log(`\n━━━ ${suite.name}: ${suite.cmd.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(suite.cmd[0], suite.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...suite.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counted = suite.counts?.();
  let { passed, failed } = counted ?? (run.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  // A runner that failed without failing a test (a crash, a setup error) still fails the suite.
  if (run.status !== 0 && failed === 0) failed = 1;
  results.push({ name: suite.name, passed, failed, note: `${seconds}s` });
}

console.log('\n━━━ summary');
for (const r of results) console.log(`${r.failed > 0 ? 'FAIL' : 'ok  '} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed (${r.note})`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
