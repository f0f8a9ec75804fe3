/** /data/datapackage.json: the Frictionless Data Package of every download, for journalists' tools. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/model/load.ts';
import { siteDataPackage } from '../../lib/opendata/datapackage.ts';

export const GET: APIRoute = async () =>
  new Response(siteDataPackage(await getSiteData()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
