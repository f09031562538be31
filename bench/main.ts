/**
 * `npm run bench`: the scale benchmark. Starts the production dashboard with its embedded
 * cluster, watches the fleet four ways at once (a raw watch, `kubectl get bmh -A -w`, the SSE
 * stream, the page in Chromium) and runs the scenarios:
 *
 *   storm-10k   create N hosts → available, provision all, deprovision all, delete all
 *   fleet-100k  create N hosts → available
 *
 * Prints a markdown table and writes the results as JSON. Options: --scenario storm-10k|fleet-100k|all,
 * --hosts N (storm size, default 10000), --fleet-hosts N (default 100000), --profile NAME (default
 * instant: the twin adds no delays, so the figures are the pipeline's own), --smoke (a few hundred
 * hosts, as CI runs it), --no-browser, --no-kubectl, --out FILE, --cpu-prof DIR (both server
 * processes write a V8 CPU profile into DIR when they stop).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROFILE_NAMES } from '../lib/api/limits';
import { renderReport, type ScenarioResult } from './report';
import { fleet, storm } from './scenarios';

interface Options {
  scenarios: string[];
  hosts: number;
  fleetHosts: number;
  profile: string;
  smoke: boolean;
  browser: boolean;
  kubectl: boolean;
  out: string;
  cpuProfDir?: string;
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) => {
    const value = get(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) throw new Error(`${name} must be a whole number from 1 to 1000000`);
    return Number(value);
  };
  const smoke = argv.includes('--smoke');
  const scenario = get('--scenario') ?? 'all';
  if (!['storm-10k', 'fleet-100k', 'all'].includes(scenario)) throw new Error('--scenario must be storm-10k, fleet-100k or all');
  const profile = get('--profile') ?? 'instant';
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  return {
    scenarios: scenario === 'all' ? ['storm-10k', 'fleet-100k'] : [scenario],
    hosts: number('--hosts', smoke ? 200 : 10_000),
    fleetHosts: number('--fleet-hosts', smoke ? 500 : 100_000),
    profile,
    smoke,
    browser: !argv.includes('--no-browser'),
    kubectl: !argv.includes('--no-kubectl'),
    cpuProfDir: get('--cpu-prof') ? resolve(get('--cpu-prof')!) : undefined,
    out: get('--out') ?? join('bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${smoke ? '-smoke' : ''}.json`),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const results: ScenarioResult[] = [];
  // BENCH_PORT: where the dashboards listen (this port and the next), e.g. when 3300 is taken.
  const portText = process.env.BENCH_PORT ?? '3300';
  if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65534) throw new Error('BENCH_PORT must be a port from 1 to 65534');
  let port = Number(portText);
  const failures: string[] = [];
  for (const scenario of options.scenarios) {
    try {
      results.push(scenario === 'storm-10k' ? await storm(options, port++) : await fleet(options, port++));
    } catch (error) {
      // One scenario failing must not lose the figures of the others.
      failures.push(`${scenario}: ${(error as Error).message}`);
      console.error(`[bench] ${scenario} failed: ${(error as Error).message}`);
    }
  }
  mkdirSync(join(options.out, '..'), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify({ date: new Date().toISOString(), options, results, failures }, null, 2)}\n`);
  console.log(renderReport(results));
  console.log(`\nResults: ${options.out}`);
  if (failures.length) throw new Error(failures.join('; '));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
