/**
 * Every URL the site links to, in one place: pages, components, feeds, search and
 * open data build their links here, so a route that moves moves once.
 * Pages end in "/" (trailingSlash: 'always'); files (feeds, downloads) do not.
 */

const UNSAFE_SEGMENT = /[\s/\\?#%"'<>|:*]+/g;

/**
 * The URL segment of an honour title: the title itself (readable Chinese in the
 * address bar), with characters that would break a file name or a path folded to "-".
 * Links must percent-encode it with honourTitleHref so every page links the same way.
 */
export function honourTitleSegment(title: string): string {
  const seg = title
    .normalize('NFC')
    .replace(UNSAFE_SEGMENT, '-')
    .replace(/^-+|-+$/g, '');
  return seg === '' ? 'untitled' : seg;
}

export const homeHref = '/';
export const faviconHref = '/favicon.svg';
/** Phone labels of the fixed-column tables, generated at build time (views/table-columns.ts). */
export const tableLabelsHref = '/table-labels.css';
/** The site's default share-card picture (1200×630, made by scripts/og-image.ts). */
export const ogImageHref = '/og-default.png';
/** Where the search index lives (written by the search integration, read by the search page's script). */
export const pagefindHref = '/pagefind/';
export const searchHref = '/search/';
/** The names index the search page reads first (src/components/search/names.ts). */
export const searchNamesHref = '/search/names/';
/**
 * The compound pages' own search index, which the search page loads after the first results
 * (src/integrations/search-bundles.ts says why).
 */
export const compoundsPagefindHref = '/search/compounds/pagefind/';
/** The sorts the compound pages carry (src/integrations/search-bundles.ts writeBundleSorts). */
export const compoundsSortsHref = '/search/compounds/sorts.json';
export const districtsHref = '/districts/';
export const honoursHref = '/honours/';
export const rankingsIndexHref = '/rankings/';
export const dataHref = '/data/';
export const completenessHref = '/data/completeness/';
export const completenessRulesHref = `${completenessHref}#rules`;
/** Every table and datapackage.json in one archive. */
export const dataArchiveHref = '/data/gongshi-data.zip';
/** The Frictionless Data Package describing every download. */
export const dataPackageHref = '/data/datapackage.json';
export const changesHref = '/changes/';
export const siteFeedHref = '/feed.xml';

/** The element id of a commit in a change list: the first 10 hex digits of its hash. */
export const commitAnchor = (hash: string): string => `c-${hash.slice(0, 10)}`;
export const changesCommitHref = (hash: string): string => `${changesHref}#${commitAnchor(hash)}`;
/** The element id of a correction's row in the corrections list, and its entry on /changes/. */
export const correctionAnchor = (id: string): string => `corr-${id}`;
export const correctionHref = (id: string): string => `${changesHref}#${correctionAnchor(id)}`;

/** The element id of a page's n-th source in its source list, and the in-page link to it. */
export const sourceAnchor = (n: number): string => `source-${n}`;
export const sourceHref = (n: number): string => `#${sourceAnchor(n)}`;

export const compoundHref = (id: string): string => `/compound/${id}/`;
/** A section of a compound page (its element id). */
export const compoundSectionHref = (id: string, section: string): string => `${compoundHref(id)}#${section}`;
/** The change history of a compound: the last section of its page (one file per compound, not two). */
export const compoundHistoryHref = (id: string): string => compoundSectionHref(id, 'history');
export const compoundHistoryCommitHref = (id: string, hash: string): string =>
  compoundSectionHref(id, commitAnchor(hash));
/**
 * The one-page A4 summary sheet of a compound: its own page, printed while this fragment is the
 * target (the print stylesheet then keeps only the sheet), so the sheet costs no file of its own.
 */
export const compoundPrintHref = (id: string): string => compoundSectionHref(id, 'print-sheet');
/** A district's downloads in one archive: its JSON (every compound's rows) and one CSV per compound. */
export const districtArchiveHref = (districtId: string): string => `/data/district/${districtId}.zip`;
/** A district's data changes and notices, as an Atom feed (one per district, not per compound). */
export const districtFeedHref = (districtId: string): string => `${districtHref(districtId)}feed.xml`;
export const firmHref = (id: string): string => `/firm/${id}/`;
/** Index pages: every compound, firm and notice, one page per district under each. */
export const compoundsIndexHref = '/compound/';
export const firmsIndexHref = '/firm/';
export const noticesIndexHref = '/notices/';
export const compoundsOfDistrictHref = (districtId: string): string => `${compoundsIndexHref}district/${districtId}/`;
export const firmsOfDistrictHref = (districtId: string): string => `${firmsIndexHref}district/${districtId}/`;
export const noticesOfDistrictHref = (districtId: string): string => `${noticesIndexHref}district/${districtId}/`;
/** The element id of a street's group on a per-district index page; rows with no street published go under "no-street". */
export const streetAnchor = (streetId: string | undefined): string =>
  streetId === undefined ? 'no-street' : `street-${streetId}`;
/** Journalists' lists, each with its CSV beside it. */
export const fundWarningHref = '/data/fund-warning/';
export const fundWarningCsvHref = '/data/fund-warning.csv';
export const feeComparisonHref = '/data/fees/';
export const feeComparisonCsvHref = '/data/fees.csv';
export const streetHref = (id: string): string => `/street/${id}/`;
export const districtHref = (id: string): string => `/district/${id}/`;
export const rankingsHref = (districtId: string): string => `/rankings/${districtId}/`;
export const noticeHref = (id: string): string => `/notices/${id}/`;
export const auditHref = (id: string): string => `/audits/${id}/`;
export const policyHref = (id: string): string => `/policies/${id}/`;
export const caseHref = (id: string): string => `/cases/${id}/`;

/** The percent-encoded href of an honour-title page. */
export const honourTitleHref = (title: string): string => `/honours/${encodeURIComponent(honourTitleSegment(title))}/`;

/**
 * Tables whose whole-table download is the CSV zipped (`<table>.csv.zip`, the same CSV inside):
 * their rows are entries every compound adds year after year, so at city scale they are most of
 * the open data's bytes (at 15,000 compounds the ledger CSV alone ≈ 150 MB and 1.1 million rows,
 * past Excel's row limit; a desk reader opens a compound's or district's rows from the district
 * archive) and the zip is about a seventh of that. Windows opens a zip without extra software;
 * frictionless, pandas and R read the CSV inside it.
 */
const ZIPPED_DOWNLOADS: ReadonlySet<string> = new Set(['fund_ledger', 'public_revenue']);

/** Public paths of a table's downloads; `file` is the CSV download's name within /data/. */
export function downloadPaths(table: string): { csv: string; file: string; zipped: boolean; schema: string } {
  const zipped = ZIPPED_DOWNLOADS.has(table);
  const file = zipped ? `${table}.csv.zip` : `${table}.csv`;
  return { csv: `/data/${file}`, file, zipped, schema: `/data/${table}.schema.json` };
}

/** What a report of an error names, so whoever reads it can find the cell without asking back. */
export interface ErrorReport {
  /** Where the error is, in words: 小区名 · 栏目名 (or the page title). */
  where: string;
  /** The page's absolute URL, with the section's fragment. */
  url: string;
  /** The data version the reader saw (dataset.json as_of and standard version). */
  version: string;
  /** Machine-readable keys for a form: compound id, section id. */
  compound?: string;
  section?: string;
  /**
   * A mailto with a subject only (where, and the compound's id, which a name may share): a page's
   * first report link carries the body (URL, data version, the questions), its section links do
   * not repeat it. Thirteen full bodies of percent-encoded Chinese were a tenth of a compound page.
   */
  brief?: boolean;
}

// The end of every report's body, encoded once (a field encodes character by character, so its
// parts can be encoded apart).
let reportQuestions: string | undefined;

/**
 * The publisher's correction channel (data/dataset.json) opened with the report filled in: the
 * form with query parameters when there is one (staff get fields, not prose), else a mailto:
 * with subject and body. Both are plain links: following one makes no request from this page.
 */
export function reportErrorHref(
  contact: { contact_email?: string | undefined; contact_form?: string | undefined },
  r: ErrorReport,
): string {
  if (contact.contact_form) {
    const q = new URLSearchParams();
    if (r.compound) q.set('compound', r.compound);
    if (r.section) q.set('section', r.section);
    q.set('where', r.where);
    q.set('version', r.version);
    q.set('url', r.url);
    return `${contact.contact_form}?${q.toString()}`;
  }
  const to = `mailto:${contact.contact_email ?? ''}`;
  if (r.brief) return `${to}?subject=${mailtoField(`报告错误:${r.where}${r.compound ? `(${r.compound})` : ''}`)}`;
  const subject = mailtoField(`报告错误:${r.where}`);
  reportQuestions ??= mailtoField('\n\n哪里有错:\n\n正确的应该是(请附来源或依据):\n');
  const body = `${mailtoField(`位置:${r.where}\n网址:${r.url}\n数据版本:${r.version}`)}${reportQuestions}`;
  return `${to}?subject=${subject}&body=${body}`;
}

// What a mailto field encodes: an ASCII character encodeURIComponent changes (it leaves letters,
// digits and -_.!~*'() as they are), and a character a browser must not be handed raw in a URL:
// controls, format and unassigned code points, and any space (it ends or splits a URL when copied).
const ENCODED = /[^\w\-.!~*'()\u0080-\u{10FFFF}]|[\s\p{Cc}\p{Cf}\p{Cn}\p{Co}]/gu;
// Made on first use, as is the body's end above: nothing here runs when a page's script imports this module.
let asciiEncoded: string[] | undefined;

/**
 * A mailto field, percent-encoded like encodeURIComponent (so %20, not the + of form encoding, as
 * RFC 6068 wants) except that letters beyond ASCII stay as they are. An href may hold them (a valid
 * URL string, WHATWG URL): the browser encodes them as UTF-8 when the link is followed, so the mail
 * program gets the same address, while the page carries 3 bytes per Chinese character instead of 9
 * (the report links were ≈ 4 KB of every compound page).
 */
function mailtoField(text: string): string {
  // One pass of one pattern: character by character, with a test and a piece of string for each,
  // this was most of the time of a compound page's dozen report links.
  const ascii = (asciiEncoded ??= Array.from({ length: 0x80 }, (_, c) => encodeURIComponent(String.fromCharCode(c))));
  return text.replace(ENCODED, (ch) => ascii[ch.charCodeAt(0)] ?? encodeURIComponent(ch));
}
