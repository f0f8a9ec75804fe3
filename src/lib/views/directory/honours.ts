/**
 * Honours grouped the way journalists ask: which year, which title, who got it.
 * Pure functions over honours.csv rows; pages only format what they return.
 */
import type { Honour } from '../../schema/honours.ts';
import { compareIds, compareZh, cmp } from '../../util/compare.ts';
import { honourTitleSegment } from '../urls.ts';
import { groupBy } from '../../util/group.ts';

export interface HonourTitleGroup {
  title: string;
  /** URL segment of /honours/<segment>/, see honourTitleSegment. */
  segment: string;
  /** Awarding bodies in first-seen order (usually one per title and year). */
  awardingBodies: string[];
  /** Earliest award date in the group, when any row has one. */
  date: string | undefined;
  honours: Honour[];
}

export interface HonourYearGroup {
  year: number;
  titles: HonourTitleGroup[];
}

/** Characters that cannot sit in one path segment of a static file name or URL. */
/**
 * Every distinct title with its segment. Two different titles folding to the same
 * segment would silently share a page, so that is reported as an error.
 */
export function honourTitles(honours: readonly Honour[]): { title: string; segment: string }[] {
  const bySegment = new Map<string, string>();
  for (const h of honours) {
    const segment = honourTitleSegment(h.title);
    const seen = bySegment.get(segment);
    if (seen !== undefined && seen !== h.title) {
      throw new Error(`荣誉称号“${seen}”和“${h.title}”的网址相同(${segment}),请统一称号写法`);
    }
    bySegment.set(segment, h.title);
  }
  return [...bySegment.entries()]
    .map(([segment, title]) => ({ title, segment }))
    .sort((a, b) => compareZh(a.title, b.title));
}

/** Dated rows first (oldest first), undated after them. */
function byDateThenId(a: Honour, b: Honour): number {
  return cmp(a.date ?? '9999', b.date ?? '9999') || compareIds(a.id, b.id);
}

/**
 * Group by year (newest first), then title (by date awarded, then name), rows in
 * id order: ids like dapuqiao-2023-zuimei-yezhu-1..5 keep the order of the source.
 */
export function groupHonoursByYearAndTitle(honours: readonly Honour[]): HonourYearGroup[] {
  const years = groupBy(honours, (h) => h.year);
  return [...years.keys()].sort((a, b) => b - a).map((year) => ({ year, titles: groupByTitle(years.get(year) ?? []) }));
}

/** Group rows of one year (or of any set) by title. */
function groupByTitle(honours: readonly Honour[]): HonourTitleGroup[] {
  const byTitle = groupBy([...honours].sort(byDateThenId), (h) => h.title);
  const groups = [...byTitle.entries()].map(([title, rows]): HonourTitleGroup => {
    const sorted = [...rows].sort((a, b) => compareIds(a.id, b.id));
    const dates = rows
      .map((r) => r.date)
      .filter((d): d is string => d !== undefined)
      .sort(cmp);
    return {
      title,
      segment: honourTitleSegment(title),
      awardingBodies: [...new Set(sorted.map((r) => r.awarding_body))],
      date: dates[0],
      honours: sorted,
    };
  });
  return groups.sort((a, b) => cmp(a.date ?? '9999', b.date ?? '9999') || compareZh(a.title, b.title));
}

/** All years of one title, newest first: the /honours/<title>/ page. */
export function honoursOfTitle(honours: readonly Honour[], title: string): { year: number; group: HonourTitleGroup }[] {
  return groupHonoursByYearAndTitle(honours.filter((h) => h.title === title)).flatMap((y) =>
    y.titles.map((group) => ({ year: y.year, group })),
  );
}

/**
 * Honours that concern a firm: given to it, or to a person working for it
 * (firm_id names the firm a person works for).
 */
export function honoursOfFirm(honours: readonly Honour[], firmId: string): Honour[] {
  return honours.filter((h) => h.firm_id === firmId).sort((a, b) => b.year - a.year || byDateThenId(a, b));
}
