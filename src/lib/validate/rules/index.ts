/**
 * The rule registry: every cross-row and cross-table check, run in this order
 * after all tables are typed. To add a rule, write one small file exporting a
 * `Rule` (src/lib/validate/types.ts) and append it here; add its issue kinds to
 * src/lib/messages/catalogue.ts so the docs list them.
 *
 * Rules that look at every table are one step per table, so the cached check (../cached.ts)
 * re-runs a step only when a table it read changed. A step that reads anything beyond the
 * context says so in `outside`, or its result would be reused after that thing changed.
 */
import { TABLE_NAMES } from '../../schema/tables.ts';
import type { Rule, Step } from '../types.ts';
import { duplicateIdsIn } from './duplicate-id.ts';
import { referencesIn } from './references.ts';
import { contentReferences } from './content-refs.ts';
import { futureDatesIn } from './future-dates.ts';
import { committeeTerms, contractPeriods } from './periods.ts';
import { fundLedger } from './fund-ledger.ts';
import { commitmentsMet, evaluationSubjects, feeAnnouncements, honourRecipients } from './row-consistency.ts';
import { privacyAllowances, privacyIn, privacyTexts, type PrivacyFacts } from './privacy.ts';
import { mdxCompile } from './mdx-compile.ts';
import { appendOnlyBaseKey, ledgerAppendOnly } from './ledger-append-only.ts';
import { ledgerReconcile } from './ledger-reconcile.ts';
import { fundAllocations } from './fund-allocations.ts';
import { correctionTargets } from './corrections.ts';
import { attachmentFiles } from './attachments.ts';

const step = (name: string, rule: Rule, outside?: Step['outside']): Step => ({
  name,
  run: (ctx) => ({ issues: rule(ctx) }),
  ...(outside ? { outside } : {}),
});
const perTable = (name: string, rule: (t: (typeof TABLE_NAMES)[number]) => Rule): Step[] =>
  TABLE_NAMES.map((t) => step(`${name}:${t}`, rule(t)));
const texts: Step['outside'] = (_ctx, keys) => keys.texts();

export const STEPS: Step[] = [
  ...perTable('duplicate-id', duplicateIdsIn),
  ...perTable('references', referencesIn),
  step('content-references', contentReferences),
  ...perTable('future-dates', futureDatesIn),
  step('committee-terms', committeeTerms),
  step('contract-periods', contractPeriods),
  step('fund-ledger', fundLedger),
  step('honour-recipients', honourRecipients),
  step('evaluation-subjects', evaluationSubjects),
  step('fee-announcements', feeAnnouncements),
  step('commitments-met', commitmentsMet),
  ...TABLE_NAMES.map((t): Step => ({ name: `privacy:${t}`, run: privacyIn(t) })),
  { name: 'privacy:texts', run: privacyTexts, outside: texts },
  {
    // Cheap (the register is short), and it reads what every privacy step found: never kept.
    name: 'privacy-allowances',
    run: (ctx, facts) => ({ issues: privacyAllowances(ctx, facts('privacy:') as PrivacyFacts[]) }),
    outside: () => false,
  },
  step('mdx-compile', mdxCompile, texts),
  step('ledger-append-only', ledgerAppendOnly, appendOnlyBaseKey),
  step('ledger-reconcile', ledgerReconcile),
  step('fund-allocations', fundAllocations),
  step('correction-targets', correctionTargets),
  step('attachment-files', attachmentFiles, texts),
];
