import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { E2E } from '../playwright.config';
import { FleetPage } from './pages/fleet-page';
import { seedHostYaml } from '../lib/testing/seed';

const kubectl = (args: string[], input?: string) => {
  const result = spawnSync('/usr/bin/kubectl', ['--kubeconfig', E2E.clusterKubeconfig, ...args], { input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

const seed = (i: number) => seedHostYaml(`kc-${i}`, `ipmi://192.168.50.${i}:623`);

test('the dashboard watches another cluster through its kubeconfig', async ({ page }) => {
  kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kc}\n');
  kubectl(['apply', '-n', 'kc', '-f', '-'], [1, 2, 3].map(seed).join('---\n'));

  const fleet = new FleetPage(page);
  await fleet.open(E2E.kubeconfigMode);
  await expect(page.getByTestId('cluster-name')).toContainText('context fleetscope');
  await fleet.expectCount('available', 3);

  // Changes made through the dashboard land in that cluster, as kubectl sees it.
  await fleet.provisionAllAvailable();
  await fleet.expectCount('provisioned', 3);
  expect(kubectl(['get', 'bmh', '-n', 'kc', '-o', 'jsonpath={.items[*].status.provisioning.state}'])).toBe('provisioned provisioned provisioned');
});
