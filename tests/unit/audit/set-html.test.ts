/**
 * Astro escapes every `{value}`; `set:html` does not. Each use of it in src/ must
 * be a reviewed one whose input is escaped or is not data; a new one fails here
 * until someone reviews it and adds it with the reason.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REVIEWED: Record<string, string> = {
  'src/components/compound/QrCode.astro: set:html={named}':
    'qrcode’s own SVG; label and URL through escapeAttr (common/html.ts)',
  'src/components/common/DataTable.astro: set:html={slotTableHtml(Astro.props, slot)}':
    'data-table.ts: caption text-escaped, label and classes attribute-escaped around the slot as Astro rendered (and escaped) it; labelCells only adds data-label with header text, attribute-escaped',
  // Tables written as strings for render speed: every value goes through common/html.ts, which
  // escapes exactly as Astro does (tests/unit/components/html.test.ts).
  'src/components/compound/FundLedgerTable.astro: set:html={ledgerTable}':
    'data-table.ts tableHtml (caption and titles text-escaped, label attribute-escaped) around ledger-rows.ts: every cell text-escaped, every attribute attribute-escaped',
  'src/components/compound/CommitteeCard.astro: set:html={membersHtml()}':
    'data-table.ts tableHtml around memberRow: name, role and yes/no text-escaped; marks from corrected-mark.ts',
  // The regex stops at the template literal's first brace: the whole use is the name (nameBadgeHtml)
  // or the year, text-escaped.
  "src/components/directory/EvaluationTable.astro: set:html={lead === 'subject' ? nameBadgeHtml(s.name, s.href, s.demo) : escapeText(`${e.year}":
    'name-badge.ts or the year through escapeText',
  'src/components/charts/ChartTable.astro: set:html={figureTable}':
    'data-table.ts tableHtml (caption and titles text-escaped, data-labels attribute-escaped) around bodyHtml: labels and formatted values text-escaped',
  // Small pieces written as strings so that a compound page is fewer component instances.
  "src/components/common/Facts.astro: set:html={items.map(factHtml).join('')}":
    'factHtml: label and value text-escaped, href attribute-escaped; marks from corrected-mark.ts',
  "src/components/common/SourceList.astro: set:html={sources.map(sourceHtml).join('')}":
    'sourceHtml: every field text-escaped, anchor and URL attribute-escaped',
  'src/components/compound/MissingSections.astro: set:html={titlesHtml(disclosures)}':
    'titlesHtml: section titles text-escaped, ids attribute-escaped',
  'src/components/compound/MissingSections.astro: set:html={titlesHtml(records)}':
    'titlesHtml: section titles text-escaped, ids attribute-escaped',
  // The compound page's repeated parts (h19p): every text through escapeText, every attribute through
  // attribute(); held to the templates they replaced by tests/unit/components/compound-strings.test.ts.
  'src/components/compound/sections/Evaluations.astro: set:html={evaluationsTable}':
    'data-table.ts tableHtml around rowHtml: year, evaluator, outcome and note text-escaped; figures, marks and source refs from reviewed helpers',
  'src/components/compound/CompoundToc.astro: set:html={itemsHtml}':
    'itemsHtml: titles text-escaped, hrefs attribute-escaped',
  "src/components/compound/KeyFacts.astro: set:html={facts.map(factHtml).join('')}":
    'factHtml: label, value, detail and warning text-escaped; hrefs and the section attribute-escaped',
  "src/components/compound/HonourList.astro: set:html={honours.map(honourHtml).join('')}":
    'honourHtml: every field text-escaped, hrefs attribute-escaped; source refs from source-ref.ts',
  'src/components/compound/sections/Notices.astro: set:html={noticesHtml}':
    'noticesHtml: date, kind, title and summary text-escaped, hrefs attribute-escaped',
  'src/components/compound/sections/Notices.astro: set:html={auditsHtml}':
    'auditsHtml: date, kind and title text-escaped, hrefs attribute-escaped',
  'src/components/opendata/CadenceTable.astro: set:html={cadenceTable}':
    'data-table.ts tableHtml around rowHtml: label, status, rule, detail and deadline text-escaped, the status class attribute-escaped',
  'src/components/search/SearchPeople.astro: set:html={peopleHtml}':
    'peopleHtml: names text-escaped, section and role attribute-escaped',
  'src/components/compound/sections/Fees.astro: set:html={currentTable}':
    'data-table.ts tableHtml around currentRow: every field text-escaped; rate marks from corrected-mark.ts, refs from source-ref.ts',
  'src/components/compound/sections/Fees.astro: set:html={historyTable()}':
    'data-table.ts tableHtml around historyRow: every field text-escaped; rate marks from corrected-mark.ts',
  // The section frames (h20p), held to the components they replaced by tests/unit/components/table-strings.test.ts.
  'src/components/compound/sections/CompoundSections.astro: set:html={open}':
    'section-frame.ts: id, class and date attribute-escaped, title, date and empty statement text-escaped',
  'src/components/compound/sections/CompoundSections.astro: set:html={close}':
    'report-error.ts: href and class attribute-escaped, the place text-escaped',
  'src/components/common/Section.astro: set:html={sectionOpenHtml(Astro.props)}':
    'section-frame.ts: id, class and date attribute-escaped, title and date text-escaped',
  'src/components/common/Section.astro: set:html={sectionEmptyHtml(empty)}':
    'section-frame.ts: the statement text-escaped',
  'src/components/layout/SiteFooter.astro: set:html={reportLink}':
    'report-error.ts: href and class attribute-escaped, the place text-escaped',
  'src/pages/compound/[id]/index.astro: set:html={reportLink}':
    'report-error.ts: href and class attribute-escaped, the place text-escaped',
};

// Helpers reviewed once, wherever they are called: what they print is escaped inside them.
const REVIEWED_HELPERS: Record<string, string> = {
  sourceRefHtml: 'source-ref.ts: only numbers and their hrefs (attribute-escaped)',
  correctedMarkHtml: 'corrected-mark.ts: href, title and id attribute-escaped',
  nameBadgeHtml: 'name-badge.ts: the name text-escaped, the href attribute-escaped, the badge a constant',
  streetNameHtml: 'street-name.ts: the street name and the fallback text-escaped, the href attribute-escaped',
  evaluationFiguresHtml: 'evaluation-figures.ts: formatted figures text-escaped; marks from corrected-mark.ts',
};

const reviewed = (use: string) =>
  use in REVIEWED || Object.keys(REVIEWED_HELPERS).some((h) => use.includes(`: set:html={${h}(`));

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? files(path.join(dir, d.name))
      : /\.(astro|mdx|md|ts)$/.test(d.name)
        ? [path.join(dir, d.name)]
        : [],
  );
}

describe('set:html', () => {
  it('is used only where reviewed', () => {
    const uses = files('src').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/set:html=\{([^}]*\}?)\}/g)].map(
        (m) => `${f.split(path.sep).join('/')}: set:html={${m[1]}}`,
      ),
    );
    expect(uses.filter((u) => !reviewed(u))).toEqual([]);
    // Every entry still names a use, and every helper is still called so: none stays reviewed by accident.
    expect(Object.keys(REVIEWED).filter((r) => !uses.includes(r))).toEqual([]);
    for (const h of Object.keys(REVIEWED_HELPERS))
      expect(
        uses.some((u) => u.includes(`: set:html={${h}(`)),
        h,
      ).toBe(true);
  });
});
