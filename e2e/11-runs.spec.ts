import { expect, test } from '@playwright/test';
import { emptyFleet } from './pages/fleet-page';
import { RunsPage } from './pages/runs-page';

test.beforeEach(async ({ request }) => emptyFleet(request));

test('start a preset run, watch it, read the report, run again with other twin limits, compare', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const runs = new RunsPage(page);
  await runs.open();
  await page.getByTestId('nav-runs').isVisible();

  // The "300 hosts" preset, with BMO's default limits (it says so in the scenario).
  await runs.choosePreset('limits-300');
  await expect(runs.scenario()).toHaveValue(/limits: bmo/);
  await expect(page.getByTestId('run-limits')).toHaveValue('bmo');
  await testInfo.attach('runs page', { path: await runs.screenshot('11-runs-page'), contentType: 'image/png' });
  const first = await runs.start();

  // Progress while it runs: the current step and a bar per phase.
  await expect(page.getByTestId('run-step')).toBeVisible();
  await expect(runs.phase('Enrollment')).toHaveAttribute('data-hosts', '300');
  await expect.poll(async () => Number(await runs.phase('Enrollment').getAttribute('data-reached'))).toBeGreaterThan(0);
  await testInfo.attach('run in progress', { path: await runs.screenshot('11-run-in-progress'), contentType: 'image/png' });

  await runs.waitForEnd('passed');
  for (const phase of ['Enrollment', 'Provisioning', 'Deletion']) await expect(runs.phase(phase)).toHaveAttribute('data-reached', '300');
  await expect(page.getByTestId('phase-table')).toContainText('300 / 300');
  await expect(page.getByTestId('threshold-table')).toContainText('errors');
  await expect(page.getByTestId('bottleneck')).toBeVisible();
  await testInfo.attach('report', { path: await runs.screenshot('11-run-report'), contentType: 'image/png' });

  // The downloads.
  const jsonl = await (await page.request.get(`/api/runs/${first}/report.jsonl`)).text();
  expect(jsonl.trim().split('\n').map((l) => JSON.parse(l).phase)).toEqual(['Enrollment', 'Provisioning', 'Deletion']);
  expect(JSON.parse(jsonl.split('\n')[0]!)).toMatchObject({ numHosts: 300, maxConcurrentReconciles: 8 });

  // The same preset with the tuned limits.
  await runs.open();
  await runs.choosePreset('limits-300');
  await runs.setLimits('tuned');
  await expect(runs.scenario()).toHaveValue(/limits: tuned/);
  const second = await runs.start();
  await runs.waitForEnd('passed');

  await runs.compare([first, second]);
  await expect(page.getByTestId('settings-diff')).toContainText('twin.limits.qps');
  const duration = page.locator('[data-testid="compare-row"][data-metric="Enrollment.durationSeconds"]');
  await expect(duration.getByTestId('verdict')).toHaveAttribute('data-band', /noise|minor|notable/);
  await testInfo.attach('comparison', { path: await runs.screenshot('11-runs-compare'), contentType: 'image/png' });
});
