/**
 * "本栏更新于": when each section of a compound page last changed.
 *
 * The data gives a first answer (the newest date a section's rows carry). The history
 * may know better (the git date of the last commit touching the rows): the page passes
 * that map section → ISO date in, and it wins over the data date.
 */
import type { DatedSectionId, SectionDates } from './sections.ts';

/** The newest of some ISO dates, ignoring blanks. */
export function newest(dates: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d !== undefined && (best === undefined || d > best)) best = d;
  return best;
}

/**
 * Each section's date: the git date when known, else the data's own newest date capped at
 * as_of (a term end or a year end after as_of is not a change yet). Git dates are when the
 * portal's record changed and are shown as they are, even after as_of.
 */
export function sectionUpdated(fromData: SectionDates, gitDates: SectionDates | undefined, asOf: string): SectionDates {
  const updated: SectionDates = {};
  for (const [k, v] of Object.entries(fromData) as [DatedSectionId, string | undefined][]) {
    if (v !== undefined) updated[k] = v > asOf ? asOf : v;
  }
  for (const [k, v] of Object.entries(gitDates ?? {}) as [DatedSectionId, string | undefined][]) {
    if (v !== undefined) updated[k] = v;
  }
  return updated;
}
