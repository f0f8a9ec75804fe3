/** /data/datapackage.json: the Frictionless Data Package of every download, for journalists' tools. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import { siteDataPackage } from '../../lib/opendata/datapackage.ts';
import { textResponse } from '../../lib/routes/response.ts';

export const GET: APIRoute = async () =>
  textResponse(siteDataPackage(await getSiteData(), 'site'), 'json');
