/** /data/district/<id>.json: every compound of the district with its rows, one section per table. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { shardSlice } from '../../../lib/routes/shard.ts';
import { rowsOfCompound } from '../../../lib/model/relations.ts';
import { siteCompoundIndex, siteTables } from '../../../lib/model/tables.ts';
import { districtJson } from '../../../lib/opendata/compound.ts';
import { list } from '../../../lib/util/group.ts';
import { textResponse } from '../../../lib/routes/response.ts';

export const getStaticPaths = (async () => {
  const site = await getSiteData();
  return shardSlice(site.rows.districts).map((d) => ({ params: { id: d.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await getSiteData();
  const district = site.districtById.get(params.id!)!;
  const tables = siteTables(site);
  const index = siteCompoundIndex(site);
  const compounds = list(site.compoundsByDistrict, district.id).map((c) => ({
    id: c.id,
    name: c.name,
    sections: rowsOfCompound(tables, index, c.id),
  }));
  return textResponse(districtJson({ district, compounds }, site.meta), 'json');
};
