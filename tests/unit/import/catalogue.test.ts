/**
 * Every message kind of `npm run import` has a fixture that raises it: a staff
 * sheet (sheet.csv) and its arguments (ARGS) beside the fixture's data overlay in
 * tests/fixtures/errors/<kind>/, imported into a copy of the valid fixture.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_KINDS } from '../../../src/lib/messages/catalogue.ts';
import type { TableName } from '../../../src/lib/schema/tables.ts';
import { importFile } from '../../../scripts/staff/import/run.ts';
import { materialize } from '../validate/fixtures.ts';

const IMPORT_KINDS = ISSUE_KINDS.filter((k) => k.startsWith('import-'));

describe('import message kinds', () => {
  it('are catalogued', () => {
    expect(IMPORT_KINDS.length).toBeGreaterThan(10);
  });

  it.each(IMPORT_KINDS)('%s', async (kind) => {
    const dir = await materialize(kind);
    try {
      const args = (await readFile(path.join(dir, 'ARGS'), 'utf8')).trim().split(/\s+/);
      const table = args[args.indexOf('--table') + 1] as TableName;
      const input = 'sheet.csv';
      const o = await importFile(
        { input, cwd: dir, table, replace: args.includes('--replace') },
        await readFile(path.join(dir, input)),
      );
      if ('error' in o) throw new Error(o.error);
      expect(o.problems.map((p) => p.kind)).toContain(kind);
      expect(o.written).toBe(false);
      expect(
        o.problems.map((p) => `${p.file ?? input}:${p.line}:${p.column} ${p.columnName}: ${p.message} (${p.fix})`),
      ).toMatchSnapshot();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
