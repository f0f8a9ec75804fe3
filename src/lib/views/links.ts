/**
 * Names, links and demo flags of the things directory pages point at. Pure over
 * the site-data indexes, so the honours, firm, street and ranking pages all name
 * and link a recipient the same way.
 */
import type { SiteData } from '../model/types.ts';
import type { Honour } from '../schema/honours.ts';
import type { Row } from '../schema/tables.ts';
import { compoundHref, firmHref } from './urls.ts';

/** What a reader sees for a firm: the short name people search for, else the registered name. */
export function firmLabel(site: SiteData, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const f = site.firmById.get(id);
  return f ? (f.short_name ?? f.name) : undefined;
}

export interface Recipient {
  /** The honoured firm, committee, compound or person, as it should read. */
  name: string;
  /** For a person: the post as published (e.g. 帝庭大厦业委会主任). */
  post: string | undefined;
  /** Page of the recipient, or of the compound or firm a person belongs to. */
  href: string | undefined;
  /** What the link leads to, for a person ("所在小区" / "所在企业"). */
  hrefLabel: string | undefined;
  demo: boolean;
}

/** The compound a committee term belongs to. */
function committeeCompound(site: SiteData, committeeId: string | undefined): string | undefined {
  return committeeId === undefined ? undefined : site.committeeById.get(committeeId)?.compound_id;
}

/**
 * How an honour's recipient is shown and linked. A person links to their compound
 * (directly or through their committee), otherwise to their firm.
 */
export function honourRecipient(site: SiteData, h: Honour): Recipient {
  const compoundId = h.compound_id ?? committeeCompound(site, h.committee_id);
  const compound = compoundId === undefined ? undefined : site.compoundById.get(compoundId);
  const firm = h.firm_id === undefined ? undefined : site.firmById.get(h.firm_id);
  const demo = isDemoSource(site, h.source_id) || compound?.demo === true || firm?.demo === true;
  switch (h.recipient_kind) {
    case '物业企业':
      return {
        name: firm?.name ?? h.person_name ?? '(未公布)',
        post: undefined,
        href: firm ? firmHref(firm.id) : undefined,
        hrefLabel: undefined,
        demo,
      };
    case '业委会':
      return {
        name: compound ? `${compound.name}业委会` : '(业委会名称未公布)',
        post: undefined,
        href: compound ? compoundHref(compound.id) : undefined,
        hrefLabel: undefined,
        demo,
      };
    case '小区':
      return {
        name: compound?.name ?? '(小区名称未公布)',
        post: undefined,
        href: compound ? compoundHref(compound.id) : undefined,
        hrefLabel: undefined,
        demo,
      };
    case '个人': {
      const href = compound ? compoundHref(compound.id) : firm ? firmHref(firm.id) : undefined;
      const hrefLabel = compound ? compound.name : firm ? (firm.short_name ?? firm.name) : undefined;
      return { name: h.person_name ?? '(姓名未公布)', post: h.person_post, href, hrefLabel, demo };
    }
  }
}

/** A person's role in an honour, as the names index shows it beside their name: 2023年“最美物业人”,项目经理. */
export const honourPersonRole = (h: Honour): string =>
  `${h.year}年“${h.title}”${h.person_post ? `,${h.person_post}` : ''}`;

export function isDemoSource(site: SiteData, sourceId: string | undefined): boolean {
  return sourceId !== undefined && site.sourceById.get(sourceId)?.kind === '演示数据';
}

/** A page's sources in the order it cites them, and the number each is cited by. */
export interface Citations {
  sources: Row<'sources'>[];
  numbers: Map<string, number>;
}

/**
 * Number the sources a page cites, 1, 2, … in order of first citation (ids in page
 * order, repeats and blanks allowed), for sourceRefHtml and SourceList. An id with no
 * row in sources.csv is left out: the references check fails the build on it first.
 */
export function numberSources(site: SiteData, ids: Iterable<string | undefined>): Citations {
  const numbers = new Map<string, number>();
  const sources: Row<'sources'>[] = [];
  for (const id of ids) {
    if (id === undefined || numbers.has(id)) continue;
    const s = site.sourceById.get(id);
    if (!s) continue;
    sources.push(s);
    numbers.set(id, sources.length);
  }
  return { sources, numbers };
}
