/**
 * "本栏更新于": when each section of a compound page last changed.
 *
 * The data gives a first answer (the newest date a section's rows carry). A later
 * step may know better (the git date of the last commit touching the rows): it
 * passes a map section → ISO date, which wins over the data date.
 */
export const COMPOUND_SECTIONS = [
  'identity',
  'committee',
  'firm',
  'fees',
  'collection',
  'fund',
  'revenue',
  'honours',
  'evaluations',
  'notices',
] as const;
export type CompoundSection = (typeof COMPOUND_SECTIONS)[number];

export type SectionDates = Partial<Record<CompoundSection, string>>;

/** The newest of some ISO dates, ignoring blanks. */
export function newest(dates: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const d of dates) if (d !== undefined && (best === undefined || d > best)) best = d;
  return best;
}

/** The date a section last changed: the override (git) date when known, else the data's own newest date. */
export function sectionUpdated(
  section: CompoundSection,
  fromData: SectionDates,
  override: SectionDates | undefined = undefined,
): string | undefined {
  return override?.[section] ?? fromData[section];
}
