/**
 * The bench's CPU by step names each process of `npm run build` by its command line as /proc
 * shows it (arguments joined by spaces): a process put in the wrong step would move a cut's
 * seconds to a step it did not touch.
 */
import { describe, expect, it } from 'vitest';
import { cpuSteps, stepOf } from '../../../scripts/bench/cpu-steps.ts';

const NODE = '/work/p/node_modules/node/bin/node';

describe('stepOf', () => {
  it('names astro build, the build script, the search step alone and Pagefind', () => {
    expect(
      stepOf(`${NODE} --max-old-space-size=12288 /work/p/node_modules/astro/bin/astro.mjs build --root /work/p`),
    ).toBe('astroS');
    expect(stepOf(`${NODE} /work/p/scripts/build.ts --shard 1/4`)).toBe('searchProcessS');
    expect(stepOf(`${NODE} scripts/index-search.ts /work/p/bench/work/site-1000/dist`)).toBe('searchProcessS');
    expect(stepOf('/work/p/node_modules/@pagefind/linux-x64/bin/pagefind_extended --service')).toBe('pagefindS');
    expect(stepOf('/usr/bin/time -f %U %S %M -o /tmp/t.txt /work/p/node_modules/node/bin/node scripts/build.ts')).toBe(
      'otherS',
    );
    expect(stepOf('')).toBe('otherS');
  });

  it('does not take a site folder named like a step for the step', () => {
    expect(stepOf(`${NODE} /work/p/scripts/gen-fixture.ts --out /work/pagefind/astro.mjs`)).toBe('otherS');
  });
});

describe('cpuSteps', () => {
  it('adds up each step over its processes, to the hundredth of a second', () => {
    expect(
      cpuSteps([
        { command: `${NODE} /work/p/node_modules/astro/bin/astro.mjs build`, cpuS: 170.004 },
        { command: `${NODE} /work/p/scripts/build.ts`, cpuS: 42.5 },
        { command: '/x/bin/pagefind_extended --service', cpuS: 45.25 },
        { command: '/x/bin/pagefind_extended --service', cpuS: 44.75 },
        { command: '/usr/bin/time -f x', cpuS: 0.01 },
      ]),
    ).toEqual({ astroS: 170, searchProcessS: 42.5, pagefindS: 90, otherS: 0.01 });
  });
});
