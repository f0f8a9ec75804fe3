/**
 * "One compound's rows change": the edit a street office commits most often.
 * Raise one fee_collection row's collected amount by 1.00 yuan and append a note
 * to the compound's row, both for the compound in the middle of the fixture; the
 * returned function puts the original bytes back so the fixture stays reusable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fenToPlain, parseMoneyToFen } from '../../src/lib/util/money.ts';

export interface Edit {
  compoundId: string;
  /** The data files the edit changed, by name. */
  files: string[];
  restore(): void;
}

export function editOneCompound(dataDir: string, compounds: number): Edit {
  const compoundId = `demo-c${String(Math.ceil(compounds / 2)).padStart(5, '0')}`;
  const names = ['fee_collection.csv', 'compounds.csv'];
  const files = names.map((f) => join(dataDir, f));
  const originals = files.map((f) => readFileSync(f));
  const restore = () => files.forEach((f, i) => writeFileSync(f, originals[i] as Buffer));

  const [feePath, compoundsPath] = files as [string, string];
  const fee = (originals[0] as Buffer).toString('utf8').split('\n');
  const header = (fee[0] ?? '').split(',');
  const col = header.indexOf('collected');
  const at = fee.findIndex((l) => l.startsWith(`${compoundId}-2025,`));
  if (col < 0 || at < 0) throw new Error(`republish: no 2025 fee_collection row for ${compoundId}`);
  const cells = (fee[at] as string).split(',');
  cells[col] = fenToPlain((parseMoneyToFen(cells[col] ?? '') ?? 0) + 100);
  fee[at] = cells.join(',');
  writeFileSync(feePath, fee.join('\n'));

  const rows = (originals[1] as Buffer).toString('utf8').split('\n');
  const i = rows.findIndex((l) => l.startsWith(`${compoundId},`));
  if (i < 0) throw new Error(`republish: ${compoundId} not in compounds.csv`);
  // `note` is the last column and blank in the fixture.
  rows[i] = `${rows[i]}2025年物业费实收更正`;
  writeFileSync(compoundsPath, rows.join('\n'));
  return { compoundId, files: names, restore };
}
