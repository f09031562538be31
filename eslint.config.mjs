import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The layers (docs/architecture.md). Imports are matched as written: inside lib/, `../x/` is lib/x.
// Tests may cross layers (they wire real parts together), so they are not checked.
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
// What runs outside the Next server (the browser, or plain node in the cluster's process) must not load the marker.
const NOT_SERVER_ONLY = {
  regex: '^server-only$',
  message: "this folder runs outside the Next server (browser or plain node): `import 'server-only'` would throw there",
};
const layer = (files, patterns) => ({
  files,
  ignores: TESTS,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, NOT_SERVER_ONLY] }] },
});
const PURE = 'is pure and shared by the server and the browser';
const LAYERS = [
  // lib/bmh: BareMetalHost views and rules, pure; it may only name the object metadata types of lib/kube.
  layer(
    ['lib/bmh/**'],
    [
      { regex: '^(\\.\\./(?!kube/object$)|@/|node:)', message: `lib/bmh ${PURE}: it imports only itself (and the types of lib/kube/object)` },
      { regex: '^\\.\\./kube/object$', allowTypeImports: true, message: 'lib/bmh may import only the types of lib/kube/object' },
    ],
  ),
  // lib/api: the HTTP contract; lib/stream: the stream protocol and its fold. Both pure.
  layer(
    ['lib/api/**'],
    [
      { regex: '^(\\.\\./(?!bmh/|kube/list-watch$)|@/|node:)', message: `lib/api ${PURE}: it imports only lib/bmh and zod (and the watch's connection type)` },
      { regex: '^\\.\\./kube/list-watch$', allowTypeImports: true, message: 'lib/api may import only types of lib/kube/list-watch' },
    ],
  ),
  layer(
    ['lib/stream/**'],
    [
      { regex: '^(\\.\\./(?!(bmh|api)/|runs/view$)|@/|node:)', message: `lib/stream ${PURE}: it imports only lib/bmh and lib/api` },
      { regex: '^\\.\\./runs/view$', allowTypeImports: true, message: 'lib/stream may import only the type of a run (lib/runs/view)' },
    ],
  ),
  // The browser: never the server's modules (lib/fleet, lib/kube, lib/twin, lib/fake-cluster, lib/config, lib/testing).
  layer(
    ['lib/client/**'],
    [
      {
        regex: '^(\\.\\./(?!(api|bmh|stream)/)|@/(?!lib/(api|bmh|stream|client)/)|node:)',
        message: 'lib/client runs in the browser: it imports only lib/api, lib/bmh and lib/stream',
      },
    ],
  ),
  layer(
    ['components/**'],
    [
      {
        regex: '^(@/lib/(?!(api|bmh|stream|client|runs)/)|(\\.\\./)+lib/|@/app/|node:)',
        message: 'components run in the browser: they import only @/lib/api, @/lib/bmh, @/lib/stream and @/lib/client',
      },
      { regex: '^@/lib/runs/', allowTypeImports: true, message: 'components may import only types of lib/runs (the report and view shapes)' },
    ],
  ),
  // The cluster's process (lib/fake-cluster, lib/twin) never loads the dashboard's server or browser code.
  layer(
    ['lib/fake-cluster/**', 'lib/twin/**'],
    [
      {
        regex: '^((\\.\\./)+(fleet|client)(/|$)|@/(lib/(fleet|client)|components|app)/)',
        message: 'lib/fake-cluster and lib/twin run in the cluster process: they never import lib/fleet, lib/client, components or app',
      },
    ],
  ),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...LAYERS,
  globalIgnores([
    'lib/tmp/**',
    '.next/**',
    'node_modules/**',
    '.fleet/**',
    'next-env.d.ts',
    'test-results/**',
    'playwright-report/**',
    'bench/results/**',
    '.test-reports/**',
  ]),
]);
