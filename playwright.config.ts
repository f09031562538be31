import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the production build (`next build` first):
 * one dashboard with the embedded cluster, and one watching `npm run cluster` through its
 * kubeconfig, as it would watch a kind cluster running BMO in test mode.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const KUBECONFIG_PORT = PORT + 1;
const CLUSTER_API_PORT = Number(process.env.E2E_CLUSTER_API_PORT ?? 16543);
const DATA = 'test-results/e2e-data';

export const E2E = {
  embedded: `http://127.0.0.1:${PORT}`,
  kubeconfigMode: `http://127.0.0.1:${KUBECONFIG_PORT}`,
  readonly: `http://127.0.0.1:${PORT + 2}`,
  clusterKubeconfig: `${DATA}/cluster/kubeconfig`,
  embeddedKubeconfig: `${DATA}/embedded/kubeconfig`,
};

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: E2E.embedded,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `rm -rf ${DATA}/embedded && npx next start -p ${PORT} -H 127.0.0.1`,
      url: `${E2E.embedded}/api/healthz`,
      env: { FLEET_API_PORT: '0', FLEET_DATA_DIR: `${DATA}/embedded`, FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited', NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      command: `rm -rf ${DATA}/cluster && npm run --silent cluster`,
      url: `https://127.0.0.1:${CLUSTER_API_PORT}/healthz`,
      ignoreHTTPSErrors: true,
      env: { FLEET_API_PORT: String(CLUSTER_API_PORT), FLEET_DATA_DIR: `${DATA}/cluster`, FLEET_PROFILE: 'fast', FLEET_LIMITS: 'unlimited' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `npx next start -p ${KUBECONFIG_PORT} -H 127.0.0.1`,
      url: `${E2E.kubeconfigMode}/api/healthz`,
      env: { FLEET_KUBECONFIG: `${DATA}/cluster/kubeconfig`, NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `npx next start -p ${PORT + 2} -H 127.0.0.1`,
      url: `${E2E.readonly}/api/healthz`,
      env: { FLEET_KUBECONFIG: `${DATA}/cluster/kubeconfig`, FLEET_READONLY: '1', NEXT_TELEMETRY_DISABLED: '1' },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
