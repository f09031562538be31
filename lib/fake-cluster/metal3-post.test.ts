/**
 * The Metal3 scaling post ("Scaling to 1000 clusters - Part 1") against a fresh `npm run cluster`,
 * verbatim: its script piped into `kubectl apply -f -` with the written kubeconfig (context
 * namespace `metal3`, no namespace flag, no `kubectl create namespace` first), then its image patch.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../testing/cluster';
import { kubectl, KUBECTL, startClusterProcess, type ClusterProcess } from '../testing/cluster-process';

const SCRIPT = join(__dirname, 'testdata', 'produce-available-hosts.sh');

let cluster: ClusterProcess;
const ok = (args: string[], input?: string) => {
  const result = kubectl(cluster.kubeconfig, args, input);
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
};

beforeAll(async () => {
  cluster = await startClusterProcess({ FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' });
});
afterAll(async () => cluster?.stop());

describe('the Metal3 post on a fresh cluster', () => {
  it('has the namespaces kube-apiserver creates, and the kubeconfig context namespace', () => {
    const names = ok(['get', 'namespaces', '-o', 'jsonpath={.items[*].metadata.name}']).split(' ');
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system', 'metal3']));
  });

  it('./produce-available-hosts.sh 10 | kubectl apply -f - creates every Secret and host', async () => {
    // As the post runs it: KUBECONFIG in the environment, nothing else.
    const run = spawnSync('bash', ['-c', `"${SCRIPT}" 10 | "${KUBECTL}" apply -f -`], {
      encoding: 'utf8',
      env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const expected = Array.from({ length: 10 }, (_, i) => [
      `secret/worker-${i + 1}-bmc-secret created`,
      `baremetalhost.metal3.io/worker-${i + 1} created`,
    ]).flat();
    expect(run.stdout.trim().split('\n')).toEqual(expected);
    const names = ok(['get', 'bmh', '-n', 'metal3', '-o', 'jsonpath={.items[*].metadata.name}']).split(' ');
    expect(names).toHaveLength(10);
    await eventually(
      () =>
        ok(['get', 'bmh', '-o', 'jsonpath={.items[*].status.provisioning.state}'])
          .split(' ')
          .filter((s) => s === 'available').length === 10,
      60_000,
      'all ten hosts available',
    );
  });

  it("provisions with the post's patch (made-up-checksum, vmdk)", async () => {
    // The post's command, heredoc and all (its /dev/stdin must be the shell's, not a socket).
    const command = [
      `"${KUBECTL}" patch bmh worker-1 --type=merge --patch-file=/dev/stdin <<EOF`,
      'spec:',
      '  image:',
      '    url: "http://example.com/totally-fake-image.vmdk"',
      '    checksum: "made-up-checksum"',
      '    format: vmdk',
      'EOF',
    ].join('\n');
    const run = spawnSync('bash', ['-c', command], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: cluster.kubeconfig }, timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('baremetalhost.metal3.io/worker-1 patched');
    await eventually(() => ok(['get', 'bmh', 'worker-1', '-o', 'jsonpath={.status.provisioning.state}']) === 'provisioned', 60_000, 'worker-1 provisioned');
  });
});
