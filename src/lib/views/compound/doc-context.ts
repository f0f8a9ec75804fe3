/** What a notice or audit page shows around its MDX body: its compound, the compound's place, its source. */
import type { Row } from '../../schema/tables.ts';
import { type MdxDoc, type SiteData } from '../../model/types.ts';

export interface CompoundDocContext {
  compoundId: string;
  compound: Row<'compounds'> | undefined;
  district: Row<'districts'> | undefined;
  street: Row<'streets'> | undefined;
  source: Row<'sources'> | undefined;
  /** The page says it shows demo data: a demo compound or a demo source. */
  demo: boolean;
}

export function compoundDocContext(
  site: SiteData,
  doc: MdxDoc<{ compound: string; source: string }>,
): CompoundDocContext {
  const compoundId = doc.data.compound ?? '';
  const compound = site.compoundById.get(compoundId);
  const source = site.sourceById.get(doc.data.source ?? '');
  return {
    compoundId,
    compound,
    district: compound ? site.districtById.get(compound.district_id) : undefined,
    street: compound?.street_id ? site.streetById.get(compound.street_id) : undefined,
    source,
    demo: compound?.demo === true || source?.kind === '演示数据',
  };
}
