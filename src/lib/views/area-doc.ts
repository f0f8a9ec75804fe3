/** What a case or policy page shows around its MDX body: the district and street it belongs to, and its source. */
import type { Row } from '../schema/tables.ts';
import { type SiteData } from '../model/types.ts';
import { isDemoSource } from './links.ts';

export interface AreaDocContext {
  district: Row<'districts'> | undefined;
  street: Row<'streets'> | undefined;
  /** The page says it shows demo data: its source is demo data (a case also when a compound it names is). */
  demo: boolean;
}

export function areaDocContext(
  site: SiteData,
  doc: { district?: string | undefined; street?: string | undefined; source: string },
): AreaDocContext {
  return {
    district: doc.district ? site.districtById.get(doc.district) : undefined,
    street: doc.street ? site.streetById.get(doc.street) : undefined,
    demo: isDemoSource(site, doc.source),
  };
}
