/**
 * A district's archive (/data/district/<id>.zip): <district>.json (every compound with its rows,
 * one section per table, for programs) and <compound id>.csv for each compound (what residents and
 * journalists open in Excel). Made on the render thread or on the archive worker
 * (archive-worker.ts) from the same input, so the bytes are the same either way.
 */
import { compoundCsv, districtJson, type DistrictCompounds } from './compound.ts';
import { dataArchive } from './archive.ts';
import type { DatasetInfo } from './table.ts';

/** What a district's archive is made from: plain data, so a worker can be sent it. */
export interface DistrictArchiveInput extends DistrictCompounds {
  meta: DatasetInfo;
}

export function districtArchive({ district, compounds, meta }: DistrictArchiveInput): Promise<Uint8Array> {
  // Each file is made when the archive comes to it, so only a few compounds' CSV are held at a time.
  const entries = [
    { path: `${district.id}.json`, text: () => districtJson({ district, compounds }, meta) },
    ...compounds.map((c) => ({ path: `${c.id}.csv`, text: () => compoundCsv(c.sections) })),
  ];
  return dataArchive(entries, meta.as_of);
}
