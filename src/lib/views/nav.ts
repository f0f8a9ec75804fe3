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
}

/** The header's navigation: short words, so it stays a line or two on a phone. */
export const MAIN_NAV: readonly NavLink[] = [
  { href: homeHref, label: '首页' },
  { href: compoundsIndexHref, label: '小区' },
  { href: firmsIndexHref, label: '物业企业' },
  { href: noticesIndexHref, label: '公告' },
  { href: districtsHref, label: '区/街道' },
  { href: honoursHref, label: '荣誉' },
  { href: rankingsIndexHref, label: '排名' },
  { href: dataHref, label: '数据' },
];

/** The lists journalists ask for, each with its CSV. */
export const JOURNALIST_LINKS: readonly NavLink[] = [
  { href: fundWarningHref, label: '维修资金低于警戒线的小区' },
  { href: feeComparisonHref, label: '物业费比较' },
];
