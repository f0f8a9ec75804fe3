import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ledgerYears, runningBalances } from '../../../src/lib/validate/ledger/reconcile.ts';
import type { FundEntry } from '../../../src/lib/schema/fund.ts';
import { LEDGER, entry } from './entries.ts';

describe('running balances', () => {
  it('adds inflows and subtracts outflows in ledger order, in exact fen', () => {
    const lanting = LEDGER.filter((e) => e.compound_id === 'demo-lanting');
    expect(runningBalances(lanting).map((r) => [r.entry.id, r.balance])).toEqual([
      ['demo-lanting-0001', 120_000_000],
      ['demo-lanting-0002', 121_800_050],
      ['demo-lanting-0003', 83_200_050],
      ['demo-lanting-0004', 77_970_050],
      ['demo-lanting-0005', 83_200_050],
    ]);
  });
});

describe('yearly statement', () => {
  it('has one row per compound and year, gap years carried forward', () => {
    expect(ledgerYears(LEDGER)).toEqual([
      {
        compound_id: 'demo-lanting',
        year: 2019,
        opening: 0,
        inflows: 121_800_050,
        outflows: 0,
        closing: 121_800_050,
        entries: 2,
      },
      {
        compound_id: 'demo-lanting',
        year: 2020,
        opening: 121_800_050,
        inflows: 0,
        outflows: 0,
        closing: 121_800_050,
        entries: 0,
      },
      {
        compound_id: 'demo-lanting',
        year: 2021,
        opening: 121_800_050,
        inflows: 5_230_000,
        outflows: 43_830_000,
        closing: 83_200_050,
        entries: 3,
      },
      { compound_id: 'demo-other', year: 2020, opening: 0, inflows: 1000, outflows: 0, closing: 1000, entries: 1 },
    ]);
  });

  it('reconciles: opening + inflows − outflows = closing, closing = next opening, last closing = running balance (property)', () => {
    const arbEntry = fc.record({
      date: fc
        .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      direction: fc.constantFrom('收入' as const, '支出' as const),
      amount: fc.integer({ min: 1, max: 99_999_999_999 }),
      compound_id: fc.constantFrom('a', 'b'),
    });
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 40 }), (raw) => {
        const entries: FundEntry[] = raw.map((r, i) => entry({ id: `e${i}`, ...r }));
        const years = ledgerYears(entries);
        for (const y of years) {
          if (y.opening + y.inflows - y.outflows !== y.closing) return false;
          if (![y.opening, y.inflows, y.outflows, y.closing].every(Number.isSafeInteger)) return false;
        }
        for (const id of ['a', 'b']) {
          const mine = years.filter((y) => y.compound_id === id);
          for (let i = 1; i < mine.length; i++) if (mine[i]?.opening !== mine[i - 1]?.closing) return false;
          const run = runningBalances(entries.filter((e) => e.compound_id === id)).at(-1)?.balance ?? 0;
          if ((mine.at(-1)?.closing ?? 0) !== run) return false;
          if (mine.reduce((n, y) => n + y.entries, 0) !== entries.filter((e) => e.compound_id === id).length)
            return false;
        }
        return true;
      }),
    );
  });
});
