/**
 * The page model of one compound as its routes render it (the compound page and its one-page
 * sheet): the site model, plus the dates git gives its sections and the day it was first listed.
 */
import { getSiteHistory } from '../history/site.ts';
import { compoundListedSince, sectionDates } from '../history/compound.ts';
import { getSiteData } from '../model/load.ts';
import { compoundPageData, type CompoundPageData } from '../views/compound/compound-page.ts';

export async function compoundRoutePage(id: string): Promise<CompoundPageData> {
  const site = await getSiteData();
  const { history, byCompound } = getSiteHistory(site);
  const commits = byCompound.get(id) ?? [];
  return compoundPageData(site, id, sectionDates(commits), compoundListedSince(commits, id, history));
}
