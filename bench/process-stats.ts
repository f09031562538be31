/** RSS and CPU of a process and its descendants, sampled from /proc once a second. */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100;
const PAGE = 4096;

function stat(pid: number): { ppid: number; cpuTicks: number; rssBytes: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssBytes: Number(fields[21]) * PAGE };
  } catch {
    return undefined;
  }
}

function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}

export interface Sample {
  t: number;
  /** The whole tree: the dashboard and its cluster process. */
  rssMB: number;
  /** The root process alone (the dashboard's Next server). */
  rootRssMB: number;
  cpuPercent: number;
}

export class ProcessSampler {
  readonly samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  private last?: { t: number; ticks: number };

  constructor(private readonly rootPid: number) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), 1000);
    this.sample();
  }

  sample(): Sample | undefined {
    const pids = tree(this.rootPid);
    let ticks = 0;
    let rss = 0;
    let rootRss = 0;
    for (const pid of pids) {
      const s = stat(pid);
      if (!s) continue;
      ticks += s.cpuTicks;
      rss += s.rssBytes;
      if (pid === this.rootPid) rootRss = s.rssBytes;
    }
    const t = Date.now();
    const cpuPercent = this.last ? ((ticks - this.last.ticks) / TICKS / ((t - this.last.t) / 1000)) * 100 : 0;
    this.last = { t, ticks };
    const sample = { t, rssMB: Math.round(rss / 1e6), rootRssMB: Math.round(rootRss / 1e6), cpuPercent: Math.round(cpuPercent) };
    this.samples.push(sample);
    return sample;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  between(from: number, to: number): { peakRssMB: number; meanCpu: number } {
    const window = this.samples.filter((s) => s.t >= from && s.t <= to);
    return {
      peakRssMB: Math.max(0, ...window.map((s) => s.rssMB)),
      meanCpu: window.length ? Math.round(window.reduce((n, s) => n + s.cpuPercent, 0) / window.length) : 0,
    };
  }
}
