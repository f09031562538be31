/**
 * Another official client, in another language: Debian's python3-kubernetes drives one host
 * through its lifecycle against `npm run cluster` (testdata/python-lifecycle.py). It failed at
 * its first watch before query parameters were read as kube-apiserver reads them: the Python
 * client sends `watch=True`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterProcess, type ClusterProcess } from '../testing/cluster-process';

// Debian's interpreter, which has python3-kubernetes (.ci/run installs it).
const PYTHON = process.env.FLEET_PYTHON ?? '/usr/bin/python3';
const SCRIPT = join(__dirname, 'testdata', 'python-lifecycle.py');

function run(kubeconfig: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [SCRIPT, kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let cluster: ClusterProcess;
beforeAll(async () => {
  cluster = await startClusterProcess({ FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' });
});
afterAll(async () => cluster?.stop());

describe('the Python Kubernetes client against npm run cluster', () => {
  it('is installed (python3-kubernetes)', () => {
    expect(existsSync(PYTHON)).toBe(true);
  });

  it('creates, watches to available, provisions, watches to provisioned, deletes and watches it go', async () => {
    const result = await run(cluster.kubeconfig);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
      'secret created',
      'host created, automatedCleaningMode metadata',
      'available',
      'image patched',
      'provisioned',
      'delete requested',
      'deleted',
      'gone',
    ]);
    // The watch saw the states in order, as BMO's test mode walks them.
    expect(lines[2]).toMatch(/ADDED:.*registering.*inspecting.*available\)$/);
    expect(lines[4]).toMatch(/provisioning.*provisioned\)$/);
  }, 180_000);
});
