/**
 * The rule registry: every cross-row and cross-table check, run in this order
 * after all tables are typed. To add a rule, write one small file exporting a
 * `Rule` (src/lib/validate/types.ts) and append it here; add its issue kinds to
 * src/lib/messages/catalogue.ts so the docs list them.
 */
import type { Rule } from '../types.ts';
import { duplicateIds } from './duplicate-id.ts';
import { references } from './references.ts';
import { contentReferences } from './content-refs.ts';
import { futureDates } from './future-dates.ts';
import { committeeTerms, contractPeriods } from './periods.ts';
import { fundLedger } from './fund-ledger.ts';
import { commitmentsMet, evaluationSubjects, feeAnnouncements, honourRecipients } from './row-consistency.ts';
import { privacyGuard } from './privacy.ts';
import { mdxCompile } from './mdx-compile.ts';
import { ledgerAppendOnly } from './ledger-append-only.ts';
import { ledgerReconcile } from './ledger-reconcile.ts';
import { fundAllocations } from './fund-allocations.ts';
import { correctionTargets } from './corrections.ts';
import { attachmentFiles } from './attachments.ts';

export const RULES: Rule[] = [
  duplicateIds,
  references,
  contentReferences,
  futureDates,
  committeeTerms,
  contractPeriods,
  fundLedger,
  honourRecipients,
  evaluationSubjects,
  feeAnnouncements,
  commitmentsMet,
  privacyGuard,
  mdxCompile,
  ledgerAppendOnly,
  ledgerReconcile,
  fundAllocations,
  correctionTargets,
  attachmentFiles,
];
