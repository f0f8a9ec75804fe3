/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// getViteConfig lets component tests use Astro's Container API.
export default getViteConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The machine has two cores; browser and build tests start their own processes.
    maxWorkers: 2,
  },
});
