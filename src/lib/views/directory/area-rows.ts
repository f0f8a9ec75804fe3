/** The rows a street or district page shows, picked from the site model's indexes by the area's id. */
import type { Compound } from '../../schema/compounds.ts';
import type { Figure } from '../../schema/figures.ts';
import type { Commitment } from '../../schema/commitments.ts';
import type { Honour } from '../../schema/honours.ts';
import type { CaseData, MdxDoc, PolicyData, SiteData } from '../../model/types.ts';
import { list } from '../../util/group.ts';
import { showsDemo } from './demo.ts';

export interface AreaRows {
  compounds: readonly Compound[];
  figures: readonly Figure[];
  commitments: readonly Commitment[];
  policies: readonly MdxDoc<PolicyData>[];
  cases: readonly MdxDoc<CaseData>[];
  honours: readonly Honour[];
  /** The page says it shows demo data. */
  demo: boolean;
}

function withDemo(site: SiteData, rows: Omit<AreaRows, 'demo'>): AreaRows {
  const { compounds, figures, commitments, honours } = rows;
  return { ...rows, demo: showsDemo(site, { compounds, rows: [...figures, ...commitments, ...honours] }) };
}

export function districtRows(site: SiteData, id: string): AreaRows {
  return withDemo(site, {
    compounds: list(site.compoundsByDistrict, id),
    // District pages show district-wide figures; each street's own figures are on its page.
    figures: list(site.figuresByDistrict, id).filter((f) => f.scope === '区'),
    commitments: list(site.commitmentsByDistrict, id),
    policies: list(site.policiesByDistrict, id),
    cases: list(site.casesByDistrict, id),
    honours: list(site.honoursByDistrict, id),
  });
}

export function streetRows(site: SiteData, id: string): AreaRows {
  return withDemo(site, {
    compounds: list(site.compoundsByStreet, id),
    figures: list(site.figuresByStreet, id),
    commitments: list(site.commitmentsByStreet, id),
    policies: list(site.policiesByStreet, id),
    cases: list(site.casesByStreet, id),
    honours: list(site.honoursByStreet, id),
  });
}
