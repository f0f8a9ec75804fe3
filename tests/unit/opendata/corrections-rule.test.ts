import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { correctionTargets } from '../../../src/lib/validate/rules/corrections.ts';
import type { RuleContext } from '../../../src/lib/validate/types.ts';

const root = new URL('../../../', import.meta.url).pathname;

async function ctxWith(correctionsCsv?: string): Promise<RuleContext> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongshi-corr-'));
  cpSync(path.join(root, 'data'), path.join(dir, 'data'), { recursive: true });
  cpSync(path.join(root, 'src/content'), path.join(dir, 'src/content'), { recursive: true });
  if (correctionsCsv !== undefined) writeFileSync(path.join(dir, 'data/corrections.csv'), correctionsCsv);
  const ds = await checkDataset({ root: dir });
  return {
    root: dir,
    meta: ds.meta,
    tables: ds.tables,
    content: ds.content,
    at: (table, line, columnName) => {
      const t = ds.tables[table];
      return { file: t.file, line, column: t.header.indexOf(columnName) + 1 || 1, columnName };
    },
  };
}

describe('corrections point at real cells', () => {
  it('the bundled corrections pass', async () => {
    expect(correctionTargets(await ctxWith())).toEqual([]);
  });

  it('flags a missing row, a non-column, and a new value the table does not hold', async () => {
    const header = readFileSync(path.join(root, 'data/corrections.csv'), 'utf8').split('\n')[0];
    const csv = [
      header,
      'demo-x-1,evaluations,no-such-row,score,1,2,2025-01-01,原因,demo',
      'demo-x-2,evaluations,demo-2024-anju-wuye,nonsense,1,2,2025-01-01,原因,demo',
      'demo-x-3,evaluations,demo-2024-anju-wuye,score,68.0,99.5,2025-01-01,原因,demo',
      '',
    ].join('\n');
    const issues = correctionTargets(await ctxWith(csv));
    expect(issues.map((i) => `${i.line}:${i.columnName}:${i.kind}`)).toEqual([
      '2:row_id:ref',
      '3:column:correction-column',
      '4:new_value:correction-stale',
    ]);
    expect(issues[2]!.message).toContain('现值');
  });
});
