/** The bundled data in data/ and src/content/ must pass the same check as any contribution. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { formatIssue } from '../../../src/lib/schema/labels.ts';

describe('bundled data', () => {
  it('has no issue', async () => {
    const d = await checkDataset({ root: fileURLToPath(new URL('../../../', import.meta.url)) });
    expect(d.issues.map(formatIssue)).toEqual([]);
    expect(d.tables.compounds.rows.length).toBeGreaterThan(0);
  });
});
