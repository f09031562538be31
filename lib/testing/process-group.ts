/**
 * Test processes run detached, each in its own process group (`npm` → `sh` → `node`), and a
 * signal goes to the whole group. `npm` itself exits at once on SIGTERM while the node process
 * under it is still saving state, so "stopped" means the whole group is gone.
 */
import type { ChildProcess } from 'node:child_process';

/** Whether any process of the group led by `pid` is still there. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once no process of the group is left. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!groupAlive(pid)) return;
  process.kill(-pid, 'SIGKILL');
  while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

/** SIGKILL to the whole group (a crash: no goodbye, no last save); resolves once it is gone. */
export async function killProcessGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || !groupAlive(pid)) return;
  process.kill(-pid, 'SIGKILL');
  while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}
