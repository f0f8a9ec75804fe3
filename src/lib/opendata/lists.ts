/**
 * The journalists' lists as CSV, the same rows the pages show in the same order,
 * in the downloads' conventions (csv.ts): Chinese headers for people opening them
 * in Excel or WPS, money as plain yuan (fenToPlain), shares as "12.34%".
 */
import type { SiteData } from '../model/types.ts';
import type { Row } from '../schema/tables.ts';
import { fenToPlain } from '../util/money.ts';
import { cellCorrection } from '../views/corrections.ts';
import { formatBasisPoints } from '../views/format.ts';
import type { FeeComparisonRow } from '../views/directory/fees.ts';
import type { FundWarningRow } from '../views/directory/fund-warning.ts';
import { toDownloadCsv } from './csv.ts';

const yesNo = (v: boolean) => (v ? '是' : '否');

function place(site: SiteData, c: Row<'compounds'>): [string, string] {
  return [
    site.districtById.get(c.district_id)?.name ?? '',
    c.street_id ? (site.streetById.get(c.street_id)?.name ?? '') : '',
  ];
}

/** Ids of the corrections behind any of these cells, "、"-joined (blank when none). */
type Cell = [table: Row<'corrections'>['table'], rowId: string, column: string];
const cell = (...c: Cell): Cell => c;

function corrections(site: SiteData, cells: readonly Cell[]): string {
  const ids = cells.map(([t, id, col]) => cellCorrection(site, t, id, col)?.id).filter((id) => id !== undefined);
  return [...new Set(ids)].join('、');
}

export function fundWarningCsv(site: SiteData, rows: readonly FundWarningRow[]): string {
  return toDownloadCsv(
    [
      '小区编号',
      '小区',
      '区',
      '街道',
      '维修资金余额(元)',
      '首期归集(元)',
      '警戒线(首期归集的30%,元)',
      '余额占首期归集',
      '最后一笔日期',
      '演示数据',
    ],
    rows.map((r) => [
      r.compound.id,
      r.compound.name,
      ...place(site, r.compound),
      fenToPlain(r.balance),
      fenToPlain(r.firstDeposit),
      fenToPlain(r.threshold),
      formatBasisPoints(r.ratioBp, 2),
      r.lastDate ?? '',
      yesNo(r.compound.demo),
    ]),
  );
}

export function feeComparisonCsv(
  site: SiteData,
  rows: readonly FeeComparisonRow[],
  firmOf: (compoundId: string) => string | undefined,
): string {
  return toDownloadCsv(
    [
      '小区编号',
      '小区',
      '区',
      '街道',
      '物业企业编号',
      '物业企业',
      '住宅物业费(元/平方米/月)',
      '定价方式',
      '执行日期',
      '收缴年度',
      '应收(元)',
      '实收(元)',
      '收缴率',
      '更正记录',
      '演示数据',
    ],
    rows.map((r) => {
      const firmId = firmOf(r.compound.id);
      const s = r.standard;
      const c = r.collection;
      return [
        r.compound.id,
        r.compound.name,
        ...place(site, r.compound),
        firmId ?? '',
        firmId ? (site.firmById.get(firmId)?.name ?? '') : '',
        s ? fenToPlain(s.rate) : '',
        s?.pricing ?? '',
        s?.effective_from ?? '',
        c ? String(c.year) : '',
        c ? fenToPlain(c.billed) : '',
        c ? fenToPlain(c.collected) : '',
        r.rateBp === undefined ? '' : formatBasisPoints(r.rateBp, 2),
        corrections(site, [
          ...(s ? [cell('fee_standards', s.id, 'rate')] : []),
          ...(c ? [cell('fee_collection', c.id, 'billed'), cell('fee_collection', c.id, 'collected')] : []),
        ]),
        yesNo(r.compound.demo),
      ];
    }),
  );
}
