/** Rules within one row: fields that another field makes necessary, and ordered pairs. */
import { columnTitle } from '../../schema/labels.ts';
import type { TableName } from '../../schema/tables.ts';
import { issue } from '../../messages/catalogue.ts';
import type { DataIssue } from '../../messages/issue.ts';
import type { Rule, RuleContext } from '../types.ts';
import { rowsOf } from './util.ts';

function requireByKind(
  ctx: RuleContext,
  table: TableName,
  kindColumn: string,
  needs: Record<string, string>,
  kind: 'honour-recipient' | 'evaluation-subject',
): DataIssue[] {
  const issues: DataIssue[] = [];
  for (const { data, line } of rowsOf(ctx.tables, table)) {
    const k = String(data[kindColumn]);
    const column = needs[k];
    if (column !== undefined && (data[column] === undefined || data[column] === '')) {
      issues.push(issue(kind, ctx.at(table, line, column), { kind: k, column, title: columnTitle(table, column) }));
    }
  }
  return issues;
}

/** A honour names its recipient in the column its kind calls for. */
export const honourRecipients: Rule = (ctx) =>
  requireByKind(
    ctx,
    'honours',
    'recipient_kind',
    { 个人: 'person_name', 物业企业: 'firm_id', 业委会: 'committee_id', 小区: 'compound_id' },
    'honour-recipient',
  );

/** An evaluation names its subject; a rank lies within the number ranked. */
export const evaluationSubjects: Rule = (ctx) => {
  const issues = requireByKind(
    ctx,
    'evaluations',
    'subject_kind',
    { 物业企业: 'firm_id', 小区: 'compound_id' },
    'evaluation-subject',
  );
  for (const { data, line } of ctx.tables.evaluations.rows) {
    if (data.rank !== undefined && data.rank_of !== undefined && data.rank > data.rank_of) {
      issues.push(issue('rank-range', ctx.at('evaluations', line, 'rank'), { rank: data.rank, rankOf: data.rank_of }));
    }
  }
  return issues;
};

/** A fee change is posted before it applies. */
export const feeAnnouncements: Rule = (ctx) =>
  ctx.tables.fee_standards.rows
    .filter(({ data }) => data.announced_on !== undefined && data.announced_on > data.effective_from)
    .map(({ data, line }) =>
      issue('fee-announce-order', ctx.at('fee_standards', line, 'announced_on'), {
        announced: data.announced_on ?? '',
        effective: data.effective_from,
      }),
    );

/** A met pledge says when it was met. */
export const commitmentsMet: Rule = (ctx) =>
  ctx.tables.commitments.rows
    .filter(({ data }) => data.status === '已完成' && data.met_on === undefined)
    .map(({ line }) => issue('commitment-met-on', ctx.at('commitments', line, 'met_on')));
