/**
 * The one way an endpoint answers: text (CSV, JSON, Atom, CSS) or a zip archive. The body goes to Astro as UTF-8
 * bytes: `new Response(string)` first re-checks every character of the string for lone
 * surrogates (undici's USVString conversion), about 2% of a city build for the table downloads.
 * Encoding replaces a lone surrogate with U+FFFD exactly as that conversion does.
 */
const TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  'schema+json': 'application/schema+json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  css: 'text/css; charset=utf-8',
} as const;

/** `text`, or its UTF-8 bytes already encoded so (the archive worker's, city-downloads.ts). */
export function textResponse(text: string | Uint8Array, type: keyof typeof TYPES): Response {
  const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': TYPES[type] } });
}

/** An archive made by opendata/archive.ts. */
export function zipResponse(zip: Uint8Array): Response {
  return new Response(zip as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': 'application/zip' } });
}
