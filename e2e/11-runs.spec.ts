import { expect, test } from '@playwright/test';
import { emptyFleet } from './pages/fleet-page';
import { RunsPage } from './pages/runs-page';

test.beforeEach(async ({ request }) => emptyFleet(request));

test('start a preset run, watch it, read the report, run again with other twin limits, compare', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const runs = new RunsPage(page);
  await runs.open();
  await expect(page.getByTestId('nav-runs')).toBeVisible();

  // The seed preset, with BMO's default limits chosen for the run.
  await runs.choosePreset('seed');
  await expect(page.getByTestId('run-limits')).toHaveValue('');
  await runs.setLimits('bmo');
  await expect(runs.scenario()).toHaveValue(/limits: bmo/);
  await testInfo.attach('runs page', { path: await runs.screenshot('11-runs-page'), contentType: 'image/png' });
  const first = await runs.start();

  // Progress while it runs: the current step and a bar per phase.
  // (a 10-host run may be over by the time the page shows; then the report is there instead)
  await expect(page.getByTestId('run-step').or(page.locator('[data-testid="run-detail"][data-status="passed"]'))).toBeVisible();
  await expect(runs.phase('Enrollment')).toHaveAttribute('data-hosts', '10');
  await testInfo.attach('run in progress', { path: await runs.screenshot('11-run-in-progress'), contentType: 'image/png' });

  await runs.waitForEnd('passed');
  for (const phase of ['Enrollment', 'Provisioning', 'Deletion']) await expect(runs.phase(phase)).toHaveAttribute('data-reached', '10');
  await expect(page.getByTestId('phase-table')).toContainText('10 / 10');
  await expect(page.getByTestId('threshold-table')).toContainText('errors');
  await expect(page.getByTestId('bottleneck')).toBeVisible();
  await testInfo.attach('report', { path: await runs.screenshot('11-run-report'), contentType: 'image/png' });

  // The downloads.
  const jsonl = await (await page.request.get(`/api/runs/${first}/report.jsonl`)).text();
  expect(
    jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).phase),
  ).toEqual(['Enrollment', 'Provisioning', 'Deletion']);
  expect(JSON.parse(jsonl.split('\n')[0]!)).toMatchObject({ numHosts: 10, maxConcurrentReconciles: 8 });

  // The same preset with no limits at all.
  await runs.open();
  await runs.choosePreset('seed');
  await runs.setLimits('unlimited');
  await expect(runs.scenario()).toHaveValue(/limits: unlimited/);
  const second = await runs.start();
  await runs.waitForEnd('passed');

  await runs.compare([first, second]);
  await expect(page.getByTestId('settings-diff')).toContainText('twin.limits.qps');
  const duration = page.locator('[data-testid="compare-row"][data-metric="Enrollment.durationSeconds"]');
  await expect(duration.getByTestId('verdict')).toHaveAttribute('data-band', /noise|minor|notable/);
  await testInfo.attach('comparison', { path: await runs.screenshot('11-runs-compare'), contentType: 'image/png' });
});
