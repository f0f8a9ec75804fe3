import { describe, expect, it } from 'vitest';
import { caseNames, loadCase, located } from './corpus.ts';

const NOTICE = (name: string) => `src/content/notices/${name}.mdx`;

/** Every privacy case and exactly what the check must report: file:line:column kind. */
const PRIVACY: Record<string, string[]> = {
  'mobile-in-honour-citation.honours.csv': ['data/honours.csv:2:13 privacy-mobile'],
  'mobile-spaced.notice.mdx': [`${NOTICE('mobile-spaced')}:10:12 privacy-mobile`],
  'mobile-fullwidth-digits.sources.csv': ['data/sources.csv:2:9 privacy-mobile'],
  'mobile-zero-width.notice.mdx': [`${NOTICE('mobile-zero-width')}:10:4 privacy-mobile`],
  'mobile-plus86.notice.mdx': [`${NOTICE('mobile-plus86')}:10:6 privacy-mobile`],
  'id18-in-person-post.honours.csv': ['data/honours.csv:2:12 privacy-id'],
  'id18-bad-check-digit.notice.mdx': [`${NOTICE('id18-bad-check-digit')}:10:5 privacy-long-digits`],
  'id15-in-front-matter.notice.mdx': [`${NOTICE('id15-in-front-matter')}:6:16 privacy-id-old`],
  'bank-card-luhn.notice.mdx': [`${NOTICE('bank-card-luhn')}:10:7 privacy-bank-card`],
  'long-digits-not-luhn.notice.mdx': [`${NOTICE('long-digits-not-luhn')}:10:6 privacy-long-digits`],
  'email-private.notice.mdx': [`${NOTICE('email-private')}:10:6 privacy-email`],
  'room-near-honorific.notice.mdx': [`${NOTICE('room-near-honorific')}:10:5 privacy-room`],
  'room-near-known-name.notice.mdx': [`${NOTICE('room-near-known-name')}:10:7 privacy-room`],
  'room-in-member-name.committee_members.csv': ['data/committee_members.csv:2:3 privacy-room'],
  // A room address is refused with or without a person next to it; a public office is allowed by a row.
  'office-room-needs-allowance.notice.mdx': [`${NOTICE('office-room-needs-allowance')}:10:17 privacy-room`],
  'allowed-office-room': [],
  'allowed-hotline': [],
  'allow-wrong-row': ['data/privacy_allow.csv:2:4 privacy-allow-unused', 'data/sources.csv:2:9 privacy-mobile'],
  'allow-unused.privacy_allow.csv': ['data/privacy_allow.csv:2:4 privacy-allow-unused'],
  'allow-id-refused.privacy_allow.csv': ['data/privacy_allow.csv:2:4 privacy-allow-id'],
};

describe.each([['privacy', PRIVACY]] as const)('%s corpus', (corpus, expected) => {
  it('has an expectation for every case file and a case file for every expectation', async () => {
    expect(await caseNames(corpus)).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', async (name, want) => {
    const issues = await loadCase(corpus, name);
    expect(located(issues)).toEqual(want);
    for (const i of issues) {
      expect(i.message.length).toBeGreaterThan(0);
      expect(i.fix.length).toBeGreaterThan(0);
    }
  });
});

describe('privacy messages', () => {
  it('mask the number so the check log does not republish it', async () => {
    const [issue] = await loadCase('privacy', 'mobile-in-honour-citation.honours.csv');
    expect(issue?.message).toContain('138******78');
    expect(issue?.message).not.toContain('13812345678');
    expect(issue?.columnName).toBe('citation');
  });
});
