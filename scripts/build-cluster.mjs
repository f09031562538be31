#!/usr/bin/env node
// Bundles the embedded cluster's program (lib/fake-cluster/main.ts) into plain JavaScript, so
// the dashboard can run it in a process of its own with plain `node`: no TypeScript loader and
// no client-node in that process, which keeps its memory small.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

const result = await build({
  entryPoints: ['lib/fake-cluster/main.ts'],
  outfile: '.next/fleetscope/cluster.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
});
const imports = Object.values(result.metafile.outputs)[0].imports.map((i) => i.path);
if (imports.some((p) => p.startsWith('@kubernetes/client-node'))) {
  console.error('the cluster bundle must not load @kubernetes/client-node');
  process.exit(1);
}
// The CRDs the cluster serves are read at start, beside the program (lib/fake-cluster/resources/crd.ts).
cpSync('lib/fake-cluster/crds', '.next/fleetscope/crds', { recursive: true });
console.log('built .next/fleetscope/cluster.mjs');
