import { readFileSync } from 'node:fs';

// One list for every answer: pages and routes (below) and the answers proxy.ts gives itself.
// Next injects inline bootstrap scripts, hence 'unsafe-inline' for scripts; no remote origins at all.
const securityHeaders = JSON.parse(readFileSync(new URL('./lib/config/security-headers.json', import.meta.url), 'utf8'));

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['@kubernetes/client-node', 'prom-client'],
  // `npm test` type-checks the whole repository (tsc --noEmit) before it builds; checking again
  // inside `next build` doubled the first `npm start` after `npm install` for no new information.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
