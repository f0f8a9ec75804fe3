/**
 * The statutory cadence of each disclosure item (docs/staff-guide.zh-CN.md and
 * ../shared/domain.md), with the grace periods this portal applies. Per-city
 * rules: Shanghai's property-management regulations require the maintenance fund
 * half-yearly and public revenue quarterly; elsewhere the national minimum is yearly.
 */
import type { PeriodKind } from './periods.ts';

export interface PeriodicRule {
  period: PeriodKind;
  /** Days after a period ends by which its disclosure must be up. */
  graceDays: number;
  /** The rule as shown to residents. */
  text: string;
}

export interface CityRules {
  revenue: PeriodicRule;
  fund: PeriodicRule;
}

/**
 * Grace periods: 30 days after a quarter or half-year (Shanghai practice: 公示 within
 * the month after the period), 90 days after a year (first quarter of the next year).
 */
const SHANGHAI: CityRules = {
  revenue: { period: 'quarter', graceDays: 30, text: '每季度公示,季度结束后 30 日内' },
  fund: { period: 'half', graceDays: 30, text: '每半年公示,半年结束后 30 日内' },
};

const NATIONAL: CityRules = {
  revenue: { period: 'year', graceDays: 90, text: '每年公示,次年 3 月底前' },
  fund: { period: 'year', graceDays: 90, text: '每年公示,次年 3 月底前' },
};

export const CITY_RULES: Readonly<Record<string, CityRules>> = { 上海市: SHANGHAI };

export function rulesFor(city: string | undefined): CityRules {
  return (city && CITY_RULES[city]) || NATIONAL;
}

/** Fee collection and committee audits are yearly everywhere. */
export const COLLECTION_RULE: PeriodicRule = { period: 'year', graceDays: 90, text: '每年公示,次年 3 月底前' };
export const AUDIT_RULE: PeriodicRule = { period: 'year', graceDays: 181, text: '每年审计并公示,次年 6 月底前' };

/** Committee roster changes are posted within 3 days of the election (业主大会议事规则). */
export const COMMITTEE_NOTICE_DAYS = 3;
/** A term ending within this many days is flagged as due for re-election. */
export const TERM_DUE_DAYS = 90;
/** A fee change is announced at least one calendar month before it applies. */
export const FEE_NOTICE_MONTHS = 1;
