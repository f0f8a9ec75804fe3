/** data/dataset.json: the dataset-wide facts, above all the as-of date that stands in for "today". */
import { z } from 'astro/zod';
import { isRealDate } from '../util/dates.ts';
import { issue } from '../messages/catalogue.ts';
import type { DataIssue } from '../messages/issue.ts';

export const datasetMetaSchema = z.object({
  title: z.string().min(1).meta({ description: '门户标题' }),
  as_of: z
    .string()
    .refine(isRealDate, '应为真实存在的日期 YYYY-MM-DD')
    .meta({ description: '数据日期;“未来”“逾期”都以它为准,而不是构建时的时钟' }),
  licence: z.string().min(1).meta({ description: '数据许可' }),
  standard_version: z.literal(1).meta({ description: '所遵循的数据标准版本' }),
});

/** The dataset-wide facts in data/dataset.json. */
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;

export const FALLBACK_META: DatasetMeta = { title: '', as_of: '9999-12-31', licence: '', standard_version: 1 };

export function parseDatasetMeta(text: string | undefined, file: string): { meta?: DatasetMeta; issues: DataIssue[] } {
  const at = (columnName = '-') => ({ file, line: 1, column: 1, columnName });
  if (text === undefined) {
    return {
      issues: [
        issue('dataset-json', at(), {
          what: `缺少文件 ${file}`,
          how: '新建该文件,写明 title、as_of(数据日期)、licence 和 standard_version',
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
      return issue(
        'dataset-json',
        { file, line, column: 1, columnName: key },
        { what: `字段 ${key} 不对:${zi.message}`, how: `按说明填写 ${key}` },
      );
    }),
  };
}
