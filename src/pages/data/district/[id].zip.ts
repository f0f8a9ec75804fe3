/**
 * /data/district/<id>.zip: a district's data in one archive — <district>.json (every compound
 * with its rows, one section per table, for programs) and <compound id>.csv for each compound
 * (what residents and journalists open in Excel). One file per district instead of a CSV per
 * compound keeps a city's output within what static hosts take (docs/sharding.md).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { districtArchivePaths } from '../../../lib/routes/static-paths.ts';
import { rowsOfCompound } from '../../../lib/model/relations.ts';
import { siteTables } from '../../../lib/model/tables.ts';
import { archiveCompoundIndex } from '../../../lib/routes/archive-index.ts';
import { compoundCsv, districtJson } from '../../../lib/opendata/compound.ts';
import { zipResponse } from '../../../lib/routes/response.ts';
import { dataArchive } from '../../../lib/opendata/archive.ts';
import { list } from '../../../lib/util/group.ts';

export const getStaticPaths = districtArchivePaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const district = site.districtById.get(params.id!)!;
  const tables = siteTables(site);
  const members = list(site.compoundsByDistrict, district.id);
  const index = archiveCompoundIndex(
    site,
    members.map((c) => c.id),
  );
  const compounds = members.map((c) => ({
    id: c.id,
    name: c.name,
    sections: rowsOfCompound(tables, index, c.id),
  }));
  // Each file is made when the archive comes to it, so one compound's CSV is held at a time.
  const entries = [
    { path: `${district.id}.json`, text: () => districtJson({ district, compounds }, site.meta) },
    ...compounds.map((c) => ({ path: `${c.id}.csv`, text: () => compoundCsv(c.sections) })),
  ];
  return zipResponse(await dataArchive(entries, site.meta.as_of));
};
