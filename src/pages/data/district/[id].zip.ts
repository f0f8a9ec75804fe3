/**
 * /data/district/<id>.zip: a district's data in one archive — <district>.json (every compound
 * with its rows, one section per table, for programs) and <compound id>.csv for each compound
 * (what residents and journalists open in Excel). One file per district instead of a CSV per
 * compound keeps a city's output within what static hosts take (docs/sharding.md).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/model/load.ts';
import { districtArchivePaths } from '../../../lib/routes/static-paths.ts';
import { districtArchiveBytes } from '../../../lib/routes/district-archives.ts';
import { zipResponse } from '../../../lib/routes/response.ts';

export const getStaticPaths = districtArchivePaths satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => zipResponse(await districtArchiveBytes(await getSiteData(), params.id!));
