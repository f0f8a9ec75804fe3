/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/**
 * Three projects, run by `npm test` in this order (sequence.groupOrder):
 *   unit   tests/unit:  no build, no browser (`npm run test:unit`, seconds)
 *   build  tests/build: read dist/ from `npm run build`, or build fixture sites of their own
 *   e2e    tests/e2e:   drive Chromium against dist/ (needs the build too)
 * One at a time, because the build and browser suites start processes of their own on a
 * two-core machine.
 */
const project = (name: string, groupOrder: number, fileParallelism = true, setupFiles: string[] = []) => ({
  extends: true,
  test: { name, include: [`tests/${name}/**/*.test.ts`], sequence: { groupOrder }, fileParallelism, setupFiles },
});

// getViteConfig lets component tests use Astro's Container API.
export default getViteConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    // Build test files one after another: every fixture build, whatever its --root and out dir,
    // writes the project's own .astro/ (content types and modules), and two builds of different
    // content side by side read each other's (seen, while articles were modules, as "Unexpected
    // error while rendering" on an audit page).
    projects: [project('unit', 0, true, ['tests/unit/tmp-setup.ts']), project('build', 1, false), project('e2e', 2)],
  },
});
