/**
 * `node scripts/gen-fixture.ts --compounds N --seed S --out <dir>`
 *
 * Writes a deterministic city-scale data set (16 districts, ~N/68 streets, ~N/5
 * firms, N compounds with ten years of fees, ledgers, revenue, committees…) for
 * the benchmark and the sharding test. All rows are demo data. Validate it with
 * `npm run check -- --data <dir>/data --content <dir>/content`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { generateFixture } from './bench/fixture/generate.ts';

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        compounds: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
      },
    }));
  } catch (e) {
    console.error(`gen-fixture: ${(e as Error).message}`);
    return 2;
  }
  const compounds = Number(values.compounds);
  const seed = Number(values.seed);
  if (!Number.isInteger(compounds) || compounds < 1 || compounds > 1_000_000) {
    console.error('gen-fixture: --compounds must be an integer from 1 to 1000000');
    return 2;
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    console.error('gen-fixture: --seed must be an integer from 0 to 4294967295');
    return 2;
  }
  if (!values.out) {
    console.error('gen-fixture: --out <dir> is required (the directory is replaced)');
    return 2;
  }
  const t0 = performance.now();
  const m = generateFixture({ compounds, seed, out: resolve(values.out) });
  const total = Object.values(m.rows).reduce((a, b) => a + b, 0);
  console.log(
    `gen-fixture: ${compounds} compounds, seed ${seed} → ${values.out}: ${total} rows (ledger ${m.rows.fund_ledger}), ` +
      `${m.contentFiles} MDX files in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return 0;
}

process.exitCode = main();
