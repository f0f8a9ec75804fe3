/** Reads data/dataset.json (its schema: schema/dataset-meta.ts) into located issues or the facts. */
import { z } from 'astro/zod';
import { issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';
import { datasetMetaSchema, type DatasetMeta } from '../schema/dataset-meta.ts';

export type { DatasetMeta };

export const FALLBACK_META: DatasetMeta = {
  title: '',
  as_of: '9999-12-31',
  licence: '',
  standard_version: 1,
  publisher: '',
};

export function parseDatasetMeta(text: string | undefined, file: string): { meta?: DatasetMeta; issues: DataIssue[] } {
  const at = (columnName = '-') => ({ file, line: 1, column: 1, columnName });
  if (text === undefined) {
    return {
      issues: [
        issue('dataset-json', at(), {
          what: `缺少文件 ${file}`,
          how: '新建该文件,写明 title、as_of(数据日期)、licence、standard_version、publisher(发布单位)和 contact_email 或 contact_form(纠错渠道)',
        }),
      ],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      issues: [
        issue('dataset-json', at(), { what: `不是合法的 JSON:${(e as Error).message}`, how: '检查逗号、引号和括号' }),
      ],
    };
  }
  const r = datasetMetaSchema.safeParse(json);
  if (r.success) return { meta: r.data, issues: [] };
  const lines = text.split('\n');
  return {
    issues: r.error.issues.map((zi) => {
      const key = String(zi.path[0] ?? '-');
      const line = Math.max(1, lines.findIndex((l) => l.includes(`"${key}"`)) + 1);
      return issue('dataset-json', { file, line, column: 1, columnName: key }, metaProblem(key, zi, json));
    }),
  };
}

/** What is wrong with one field, in Chinese: zod's own words only when the schema wrote them. */
function metaProblem(key: string, zi: { message: string }, json: unknown): { what: string; how: string } {
  const field = (datasetMetaSchema.shape as Record<string, z.ZodType | undefined>)[key];
  const label = field ? (z.globalRegistry.get(field)?.description ?? key) : key;
  // The schema's own Chinese words say it best (a refinement across fields, a format rule).
  if (/\p{Script=Han}/u.test(zi.message)) return { what: `字段 ${key} 不对:${zi.message}`, how: `按说明填写 ${key}` };
  const given = json !== null && typeof json === 'object' && key in json;
  if (!given) return { what: `缺少字段 ${key}(${label})`, how: `在 dataset.json 里加上 "${key}"` };
  return { what: `字段 ${key} 不对(${label})`, how: `按说明填写 ${key}` };
}
