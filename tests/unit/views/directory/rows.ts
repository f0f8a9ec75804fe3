/** Minimal typed rows for the ranking tests: each builder fills the required columns. */
import type { Compound } from '../../../../src/lib/schema/compounds.ts';
import type { Committee } from '../../../../src/lib/schema/committees.ts';
import type { Contract } from '../../../../src/lib/schema/contracts.ts';
import type { FeeCollection, FeeStandard } from '../../../../src/lib/schema/fees.ts';
import type { FundEntry } from '../../../../src/lib/schema/fund.ts';
import type { Honour } from '../../../../src/lib/schema/honours.ts';
import type { Evaluation } from '../../../../src/lib/schema/evaluations.ts';
import type { Commitment } from '../../../../src/lib/schema/commitments.ts';
import type { Figure } from '../../../../src/lib/schema/figures.ts';

export const compound = (id: string, extra: Partial<Compound> = {}): Compound =>
  ({
    id,
    name: id,
    district_id: 'd',
    street_id: 's',
    demo: false,
    source_id: 'src',
    ...extra,
  }) as Compound;

export const committee = (id: string, compound_id: string, extra: Partial<Committee> = {}): Committee =>
  ({
    id,
    compound_id,
    kind: '业委会',
    source_id: 'src',
    ...extra,
  }) as Committee;

export const contract = (id: string, compound_id: string, firm_id: string, extra: Partial<Contract> = {}): Contract =>
  ({
    id,
    compound_id,
    firm_id,
    services: ['保安', '保洁', '保绿', '保修'],
    source_id: 'src',
    ...extra,
  }) as Contract;

export const fee = (
  id: string,
  compound_id: string,
  rate: number,
  effective_from: string,
  extra: Partial<FeeStandard> = {},
): FeeStandard =>
  ({
    id,
    compound_id,
    category: '住宅',
    rate,
    unit: '元/平方米/月',
    pricing: '市场调节价',
    effective_from,
    source_id: 'src',
    ...extra,
  }) as FeeStandard;

export const collection = (compound_id: string, year: number, billed: number, collected: number): FeeCollection =>
  ({
    id: `${compound_id}-${year}`,
    compound_id,
    year,
    billed,
    collected,
    source_id: 'src',
  }) as FeeCollection;

export const ledger = (
  id: string,
  compound_id: string,
  direction: FundEntry['direction'],
  category: FundEntry['category'],
  amount: number,
  extra: Partial<FundEntry> = {},
): FundEntry =>
  ({
    id,
    compound_id,
    date: '2024-01-01',
    direction,
    category,
    amount,
    description: id,
    source_id: 'src',
    ...extra,
  }) as FundEntry;

export const honour = (id: string, year: number, title: string, extra: Partial<Honour> = {}): Honour =>
  ({
    id,
    year,
    title,
    awarding_body: '街道',
    recipient_kind: '个人',
    source_id: 'src',
    ...extra,
  }) as Honour;

export const evaluation = (id: string, year: number, extra: Partial<Evaluation> = {}): Evaluation =>
  ({
    id,
    year,
    subject_kind: '物业企业',
    evaluator: '第三方',
    source_id: 'src',
    ...extra,
  }) as Evaluation;

export const commitment = (id: string, extra: Partial<Commitment> = {}): Commitment =>
  ({
    id,
    district_id: 'd',
    task: id,
    claimant_kind: '物业企业',
    claimant: 'x',
    goal: 'y',
    announced_on: '2025-06-05',
    deadline: '2025-12-31',
    status: '进行中',
    source_id: 'src',
    ...extra,
  }) as Commitment;

export const figure = (id: string, metric: string, value: number, as_of: string): Figure =>
  ({
    id,
    scope: '街道',
    district_id: 'd',
    street_id: 's',
    as_of,
    metric,
    value,
    unit: '个',
    source_id: 'src',
  }) as Figure;
