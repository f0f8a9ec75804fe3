/**
 * The district archives of this build (/data/district/<id>.zip). A whole build, or a shard, begins
 * every archive it writes on the archive worker (opendata/archive-pool.ts, routes/build-pool.ts) as soon as their paths
 * are listed, so they are made while the compound pages render; the route then takes each one
 * finished. An incremental build, which writes only the archives whose key changed (Astro decides
 * which when it comes to them), and the dev server make the one asked for on the render thread.
 */
import { districtArchive, type DistrictArchiveInput } from '../opendata/district-archive.ts';
import { rowsOfCompound } from '../model/relations.ts';
import { siteTables } from '../model/tables.ts';
import type { SiteData } from '../model/types.ts';
import { list } from '../util/group.ts';
import { districtArchiveHref } from '../views/urls.ts';
import { buildPool, fromBuildPool } from './build-pool.ts';
import { archiveCompoundIndex } from './archive-index.ts';

/** A district's compounds with their rows and the dataset's meta: what its archive is made from. */
function archiveInput(site: SiteData, districtId: string): DistrictArchiveInput {
  const district = site.districtById.get(districtId)!;
  const members = list(site.compoundsByDistrict, district.id);
  const index = archiveCompoundIndex(
    site,
    members.map((c) => c.id),
  );
  const tables = siteTables(site);
  const { title, as_of, licence, standard_version } = site.meta;
  return {
    district: { id: district.id, name: district.name },
    compounds: members.map((c) => ({ id: c.id, name: c.name, sections: rowsOfCompound(tables, index, c.id) })),
    meta: { title, as_of, licence, standard_version },
  };
}

const begun = new WeakSet<SiteData>();

/** Begins the archives of `ids` on the worker, in the order the route renders them; once per build. */
export function beginDistrictArchives(site: SiteData, ids: readonly string[]): void {
  if (begun.has(site)) return;
  begun.add(site);
  const pool = buildPool(site);
  for (const id of ids) {
    const url = districtArchiveHref(id);
    pool.begin([{ url, what: '区级数据包' }], function* (fileOf) {
      yield { kind: 'district', out: { url, file: fileOf(url) }, input: archiveInput(site, id) };
    });
  }
}

/** The district's archive: the worker's, when it was begun there, else made now. */
export function districtArchiveBytes(site: SiteData, districtId: string): Promise<Uint8Array> {
  return fromBuildPool(site, districtArchiveHref(districtId)) ?? districtArchive(archiveInput(site, districtId));
}
