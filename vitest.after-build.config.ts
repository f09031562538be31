/**
 * Tests that drive the production build as a user would (the scenario CLI starting its own
 * dashboard, or talking to one): `npm test` runs them after its build suite, not with the unit
 * tests, so a fresh clone never builds inside a unit test.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

export default defineConfig({ ...base, test: { ...base.test, include: ['scripts/**/*.test.ts'] } });
