import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { tableCsv } from '../../../src/lib/opendata/table.ts';
import { CANONICAL_COLUMNS, canonicalCell, canonicalEntry } from '../../../src/lib/validate/ledger/canonical.ts';
import {
  GENESIS,
  ledgerHashChain,
  ledgerHeadHash,
  ledgerHeadHashes,
  orderedLedgerHead,
} from '../../../src/lib/validate/ledger/hash-chain.ts';
import type { FundEntry } from '../../../src/lib/schema/fund.ts';
import { runningLedger } from '../../../src/lib/views/compound/fund.ts';
import { LEDGER, entry } from './entries.ts';

const lanting = LEDGER.filter((e) => e.compound_id === 'demo-lanting');

/** A different but still well-formed value for a column. */
function mutate(e: FundEntry, column: (typeof CANONICAL_COLUMNS)[number]): FundEntry {
  switch (column) {
    case 'amount':
      return { ...e, amount: e.amount + 1 };
    case 'balance':
      return { ...e, balance: e.balance === undefined ? 0 : e.balance + 1 };
    case 'date':
      return { ...e, date: e.date.replace(/\d$/, (d) => String((Number(d) + 1) % 10)) };
    case 'direction':
      return { ...e, direction: e.direction === '收入' ? '支出' : '收入' };
    case 'category':
      return { ...e, category: e.category === '利息' ? '续筹' : '利息' };
    default:
      return { ...e, [column]: `${e[column] ?? ''}x` };
  }
}

describe('canonical form', () => {
  it('is the 12 cells in fixed order, money as two-decimal yuan, blanks empty, LF-joined', () => {
    expect(canonicalEntry(lanting[1] as FundEntry)).toBe(
      [
        'demo-lanting-0002',
        'demo-lanting',
        '2019-12-31',
        '收入',
        '利息',
        '18000.50',
        '',
        '年度利息',
        '',
        '',
        '',
        'demo',
      ].join('\n'),
    );
    expect(canonicalCell(entry({ id: 'x', date: '2020-01-01', amount: 5 }), 'amount')).toBe('0.05');
  });

  it('is each column written by canonicalCell in CANONICAL_COLUMNS order, then a late reason if any (property)', () => {
    const text = fc.option(fc.string({ maxLength: 6 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 6 }),
          date: fc.string({ maxLength: 10 }),
          amount: fc.integer({ min: 0, max: 10 ** 12 }),
          balance: fc.option(fc.integer({ min: -(10 ** 12), max: 10 ** 12 }), { nil: undefined }),
          description: fc.string({ maxLength: 6 }),
          approval: text,
          reverses: text,
          reason: text,
          late_reason: text,
        }),
        (cells) => {
          const e = entry(cells);
          const late = e.late_reason ? [e.late_reason] : [];
          return canonicalEntry(e) === [...CANONICAL_COLUMNS.map((c) => canonicalCell(e, c)), ...late].join('\n');
        },
      ),
    );
  });

  it('hashes the first entry over the genesis hash', () => {
    const first = lanting[0] as FundEntry;
    const expected = createHash('sha256')
      .update(`${GENESIS}\n${canonicalEntry(first)}`)
      .digest('hex');
    expect(ledgerHashChain([first])).toEqual([{ id: first.id, hash: expected }]);
  });
});

describe('ledger head hash', () => {
  const head = ledgerHeadHash(lanting);

  it('is a 64-digit hex string and independent of the order of rows in the file', () => {
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(ledgerHeadHash([...lanting].reverse())).toBe(head);
    expect(ledgerHeadHash([])).toBeUndefined();
  });

  it('changes when any cell of any past entry changes', () => {
    for (let i = 0; i < lanting.length; i++) {
      for (const column of CANONICAL_COLUMNS) {
        const edited = lanting.map((e, j) => (j === i ? mutate(e, column) : e));
        expect(ledgerHeadHash(edited), `entry ${i}, column ${column}`).not.toBe(head);
      }
    }
  });

  it('changes when an entry is removed or an entry is inserted before the last one', () => {
    for (let i = 0; i < lanting.length; i++) {
      expect(ledgerHeadHash(lanting.filter((_, j) => j !== i))).not.toBe(head);
    }
    const backdated = entry({ id: 'demo-lanting-0099', date: '2020-01-01', amount: 1 });
    expect(ledgerHeadHash([...lanting, backdated])).not.toBe(head);
  });

  it("orders entries exactly as the compound page's running balance does", () => {
    const shuffled = [lanting[3], lanting[0], lanting[4], lanting[2], lanting[1]] as FundEntry[];
    expect(ledgerHashChain(shuffled).map((l) => l.id)).toEqual(runningLedger(shuffled).map((l) => l.entry.id));
  });

  it("is the last link of the chain, and the compound page's running ledger hashed in its order gives it", () => {
    const shuffled = [lanting[3], lanting[0], lanting[4], lanting[2], lanting[1]] as FundEntry[];
    expect(head).toBe(ledgerHashChain(shuffled).at(-1)?.hash);
    expect(orderedLedgerHead(runningLedger(shuffled).map((l) => l.entry))).toBe(head);
    expect(orderedLedgerHead([])).toBeUndefined();
    // It takes the order it is given: the file's order is another chain.
    expect(orderedLedgerHead(shuffled)).not.toBe(head);
  });

  it('changes for a random edit of a random past entry (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lanting.length - 1 }),
        fc.constantFrom(...CANONICAL_COLUMNS),
        fc.string({ minLength: 1, maxLength: 8 }),
        (i, column, text) => {
          const e = lanting[i] as FundEntry;
          const edited =
            column === 'amount' ||
            column === 'balance' ||
            column === 'date' ||
            column === 'direction' ||
            column === 'category'
              ? mutate(e, column)
              : { ...e, [column]: `${e[column] ?? ''}${text}` };
          return ledgerHeadHash(lanting.map((x, j) => (j === i ? edited : x))) !== head;
        },
      ),
    );
  });

  it('keys every compound of a whole ledger', () => {
    expect(Object.keys(ledgerHeadHashes(LEDGER))).toEqual(['demo-lanting', 'demo-other']);
    expect(ledgerHeadHashes(LEDGER)['demo-lanting']).toBe(head);
  });
});

describe('docs/ledger-hash.md standalone script', () => {
  it('recomputes the same head hashes from the CSV as the site shows', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/ledger-hash.md'), 'utf8');
    const script = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(script, 'the doc has a js code block').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'ledger-hash-'));
    writeFileSync(join(dir, 'ledger-hash.mjs'), script as string);
    // The CSV exactly as /data/ serves it (BOM, CRLF, formula guard), with a description that trips the guard.
    const ledger = LEDGER.map((e, i) => (i === 1 ? { ...e, description: '-利息(更正前)' } : e));
    writeFileSync(join(dir, 'fund_ledger.csv'), tableCsv('fund_ledger', ledger));
    expect(readFileSync(join(dir, 'fund_ledger.csv'), 'utf8')).toContain("'-利息");
    const out = execFileSync(process.execPath, [join(dir, 'ledger-hash.mjs'), join(dir, 'fund_ledger.csv')], {
      encoding: 'utf8',
    });
    const expected = Object.entries(ledgerHeadHashes(ledger)).map(
      ([id, hash]) => `${id} ${hash} ${ledger.filter((e) => e.compound_id === id).length}`,
    );
    expect(out.trim().split('\n')).toEqual(expected);
  });
});
