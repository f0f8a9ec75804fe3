/**
 * The site's main links, listed once: the header's navigation, the footer and the 404 page
 * show the same places under the same words.
 */
import {
  compoundsIndexHref,
  dataHref,
  districtsHref,
  feeComparisonHref,
  firmsIndexHref,
  fundWarningHref,
  homeHref,
  honoursHref,
  noticesIndexHref,
  rankingsIndexHref,
} from './urls.ts';

export interface NavLink {
  href: string;
  label: string;
  /** The name in a list of its own (the 404 page), where there is room to say it fully. */
  long?: string;
}

/** The header's navigation: short words, so it stays a line or two on a phone. */
export const MAIN_NAV: readonly NavLink[] = [
  { href: homeHref, label: '首页', long: '回到首页' },
  { href: compoundsIndexHref, label: '小区', long: '全部小区(按区、街道)' },
  { href: firmsIndexHref, label: '物业企业', long: '全部物业企业(按区、街道)' },
  { href: noticesIndexHref, label: '公告', long: '小区公告' },
  { href: districtsHref, label: '区/街道', long: '区和街道' },
  { href: honoursHref, label: '荣誉', long: '荣誉表彰' },
  { href: rankingsIndexHref, label: '排名', long: '排名与测评' },
  { href: dataHref, label: '数据', long: '数据下载' },
];

/** The lists journalists ask for, each with its CSV. */
export const JOURNALIST_LINKS: readonly NavLink[] = [
  { href: fundWarningHref, label: '维修资金低于警戒线的小区' },
  { href: feeComparisonHref, label: '物业费比较' },
];
