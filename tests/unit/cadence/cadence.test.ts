import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeCadence, judgePeriodic, type CadenceInput } from '../../../src/lib/views/cadence/compute.ts';
import { rankCompounds, rankStreets } from '../../../src/lib/views/cadence/rank.ts';
import { rulesFor } from '../../../src/lib/views/cadence/rules.ts';
import { between, endOf, periodLabel, periodOf, previous } from '../../../src/lib/views/cadence/periods.ts';
import { cadenceInput } from '../../../src/lib/views/cadence/from-dataset.ts';
import { checkDataset } from '../../../src/lib/validate/index.ts';
import { compoundCadence, siteCadence } from '../../../src/lib/views/cadence/site.ts';
import { buildSiteData } from '../../../src/lib/model/build.ts';
import type { MdxDocs, Rows } from '../../../src/lib/model/types.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/cadence/${name}`, import.meta.url), 'utf8'));
const input = fixture('overdue.json') as CadenceInput;
const expected = fixture('expected.json');
const result = computeCadence(input);
const of = (id: string) => result.find((c) => c.compound === id)!;
const item = (id: string, it: string) => of(id).items.find((i) => i.item === it)!;

describe('cadence on a fixture with known overdue items', () => {
  it('gives every item of every compound its expected status', () => {
    const got = Object.fromEntries(
      result.map((c) => [c.compound, Object.fromEntries(c.items.map((i) => [i.item, i.status]))]),
    );
    expect(got).toEqual(expected.statuses);
  });

  it('names the missing periods and when the first one was due (Shanghai: quarterly revenue, half-yearly fund)', () => {
    expect(item('sh-late', 'revenue').detail).toContain('2026年第二季度起 2 期未公示');
    expect(item('sh-late', 'revenue').deadline).toBe('2026-07-30');
    expect(item('sh-late', 'fund').detail).toContain('2026年上半年起 1 期未公示');
    expect(item('sh-late', 'fund').deadline).toBe('2026-07-30');
    expect(item('sh-late', 'collection').detail).toContain('2025年度起 1 期未公示');
  });

  it('flags a fee change announced less than a month ahead, and accepts exactly one month', () => {
    expect(item('sh-late', 'fees').detail).toContain('相隔 12 天,不足 1 个月');
    // 2024-02-29 + 1 month = 2024-03-29: on the day is on time.
    expect(item('xa-good', 'fees').status).toBe('current');
  });

  it('flags an expired committee term and a roster posted more than 3 days after the election', () => {
    expect(item('sh-late', 'committee').detail).toContain('2026年6月30日 届满');
    expect(item('sh-slow-roster', 'committee').detail).toContain('10 天后才公示');
    expect(item('xa-good', 'committee').deadline).toBe('2026-12-31');
  });

  it('does not judge what the portal never received', () => {
    expect(of('sh-empty').judged).toBe(0);
    expect(of('sh-empty').scoreBp).toBeUndefined();
    expect(item('xa-good', 'audit').detail).toContain('尚未收录');
  });

  it('ranks compounds and streets by completeness', () => {
    expect(Object.fromEntries(rankCompounds(result).map((r) => [r.id, r.scoreBp]))).toEqual(expected.scoreBp);
    expect(rankCompounds(result).map((r) => r.id)).toEqual(['xa-good', 'sh-late', 'sh-slow-roster']);
    expect(rankStreets(result)).toEqual(expected.streets);
  });
});

describe('periodic judgement around the grace period', () => {
  const quarterly = rulesFor('上海市').revenue;
  it('a period still inside its grace period is due, not overdue', () => {
    const j = judgePeriodic('2026-10-15', quarterly, new Set(['2026Q2']), '公共收益');
    expect(j.status).toBe('due');
    expect(j.deadline).toBe('2026-10-30');
    expect(judgePeriodic('2026-10-31', quarterly, new Set(['2026Q2']), '公共收益').status).toBe('overdue');
    expect(judgePeriodic('2026-10-30', quarterly, new Set(['2026Q2']), '公共收益').status).toBe('due');
  });
  it('uses the national yearly rule outside Shanghai', () => {
    expect(rulesFor('西安市').fund.period).toBe('year');
    expect(rulesFor(undefined).revenue.period).toBe('year');
    expect(rulesFor('上海市').fund.period).toBe('half');
  });
  it('period arithmetic', () => {
    expect(periodOf('2026-11-01', 'quarter')).toBe('2026Q4');
    expect(previous('2026Q1', 'quarter')).toBe('2025Q4');
    expect(previous('2026H1', 'half')).toBe('2025H2');
    expect(endOf('2024H1', 'half')).toBe('2024-06-30');
    expect(endOf('2024Q1', 'quarter')).toBe('2024-03-31');
    expect(between('2025Q4', '2026Q3', 'quarter')).toBe(2);
    expect(periodLabel('2026H2')).toBe('2026年下半年');
  });
});

describe('cadence on the bundled data', () => {
  it('judges only demo compounds (real ones have no disclosures on record) and flags the demo fee change', async () => {
    const ds = await checkDataset({ root: new URL('../../../', import.meta.url).pathname });
    const cad = computeCadence(cadenceInput(ds));
    const demo = new Set(ds.tables.compounds.rows.filter((r) => r.data.demo).map((r) => r.data.id));
    for (const c of cad) if (!demo.has(c.compound)) expect(c.judged).toBe(0);
    expect(cad.find((c) => c.compound === 'demo-yinxing-xincun')!.items.find((i) => i.item === 'fees')!.status).toBe(
      'violation',
    );
  });
});

describe('cadence judged one compound at a time from the site model', () => {
  it('equals the whole city’s judgement, compound by compound', async () => {
    const ds = await checkDataset({ root: new URL('../../../', import.meta.url).pathname });
    const rows = Object.fromEntries(
      Object.entries(ds.tables).map(([name, t]) => [name, t.rows.map((r) => r.data)]),
    ) as unknown as Rows;
    const docsOf = (collection: string) =>
      ds.content.filter((e) => e.collection === collection).map((e) => ({ id: e.id, data: e.data, entry: e }));
    const docs = Object.fromEntries(
      ['notices', 'audits', 'policies', 'cases'].map((c) => [c, docsOf(c)]),
    ) as unknown as MdxDocs;
    expect(docs.audits.some((a) => a.data.kind === '年度审计')).toBe(true);
    const whole = computeCadence(cadenceInput(ds));
    const site = buildSiteData(ds.meta, rows, docs);
    // Backwards, so no compound is judged in the whole city's order or after its neighbours.
    for (const c of [...whole].reverse()) expect(compoundCadence(site, c.compound)).toEqual(c);
    const judged = new Map(whole.map((c) => [c.compound, c]));
    expect([...siteCadence(site)]).toEqual(site.rows.compounds.map((c) => [c.id, judged.get(c.id)]));
    expect(compoundCadence(site, 'no-such-compound')).toBeUndefined();
  });
});
