/** What the scenario CLI prints: argument parsing, the progress line and the phase table. Pure. */
import type { RunReport } from './report';
import type { RunView } from './view';

export interface CliArgs {
  file: string;
  out?: string;
  url?: string;
}

export const USAGE = 'usage: npm run scenario -- FILE [--out report.json] [--url http://127.0.0.1:3000]';

/** Parses the arguments; throws with a message (the caller exits 2). */
export function parseArgs(argv: readonly string[]): CliArgs {
  let file: string | undefined;
  let out: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '--url') {
      const value = argv[++i];
      if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
      if (arg === '--out') out = value;
      else url = value;
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new Error(`one scenario file at a time (got ${file} and ${arg})\n${USAGE}`);
    }
  }
  if (!file) throw new Error(USAGE);
  if (url !== undefined && !/^https?:\/\/[^/]+\/?$/.test(url))
    throw new Error(`--url must be the dashboard's address, like http://127.0.0.1:3000 (got ${url})`);
  return { file, out, url: url?.replace(/\/$/, '') };
}

export function progressLine(run: RunView): string {
  const phases = run.phases.map((p) => `${p.name} ${p.reached}/${p.numHosts}`).join('  ');
  const step = run.stepText ? `step ${run.step! + 1}/${run.steps} ${run.stepText}` : run.status;
  return `${step}  ${phases}`.trim();
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const num = (v: number | null, digits = 1) => (v === null ? '-' : String(Math.round(v * 10 ** digits) / 10 ** digits));

/** The phase table and the thresholds, as plain text. */
export function phaseTable(report: RunReport): string {
  const head = ['phase', 'hosts', 'reached', 'duration s', 'hosts/min', 't50 s', 't90 s', 't100 s', 'p50 s', 'p95 s', 'p99 s', 'max s', 'errors', 'stuck'];
  const rows = report.phases.map((p) => [
    p.name,
    String(p.numHosts),
    String(p.reached),
    num(p.durationSeconds),
    num(p.throughputHostsPerMin),
    num(p.t50Seconds),
    num(p.t90Seconds),
    num(p.t100Seconds),
    num(p.p50Seconds, 2),
    num(p.p95Seconds, 2),
    num(p.p99Seconds, 2),
    num(p.maxSeconds, 2),
    String(p.errors),
    String(p.stuckHosts),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(head), ...rows.map(line)];
  if (report.thresholds.length) {
    out.push('', 'thresholds:');
    for (const t of report.thresholds)
      out.push(
        `  ${t.pass ? 'PASS' : 'FAIL'}  ${t.metric} ${t.min !== undefined ? `>= ${t.min} ` : ''}${t.max !== undefined ? `<= ${t.max} ` : ''}(value ${t.value ?? 'none'})`,
      );
  }
  out.push('', `status: ${report.status}${report.reason ? ` (${report.reason})` : ''}`);
  return out.join('\n');
}

/** kube-burner's convention: 0 passed, 1 a threshold (or a wait) failed, 2 anything else. */
export function exitCodeOf(status: RunReport['status']): 0 | 1 | 2 {
  return status === 'passed' ? 0 : status === 'failed' ? 1 : 2;
}
