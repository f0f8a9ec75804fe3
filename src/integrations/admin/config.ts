/**
 * The Decap CMS configuration at /admin/config.yml, generated from the data standard so
 * the browser form and `npm run check` can never disagree on a field, a choice or a
 * label: content collections from the MDX front-matter schemas, "new compound" requests
 * from the compounds table's columns, and the workbook upload from the table registry.
 *
 * Every change goes through Decap's editorial workflow: one branch (and, on a git host,
 * one pull request) per entry, which the repository's CI checks with
 * `npm run staff:apply -- --review` before anyone can publish it (docs/staff-cms.md).
 */
import { dump } from 'js-yaml';
import type { z } from 'astro/zod';
import { CONTENT_COLLECTIONS, referencedCollection } from '../../lib/schema/content.ts';
import { TABLES, TABLE_NAMES, type TableName } from '../../lib/schema/tables.ts';
import { tableColumns } from '../../lib/schema/column-info.ts';
import { ATTACHMENT_MAX_BYTES } from '../../lib/util/file-type.ts';
import { CELL_PATTERNS } from '../../lib/schema/patterns.ts';

/** Where the CMS keeps what CI turns into table rows (scripts/staff/apply.ts reads the same paths). */
export const REQUEST_DIRS = {
  compounds: 'staff/requests/compounds',
  workbooks: 'staff/requests/workbooks',
} as const;
const UPLOAD_DIR = 'staff/uploads';
/** Field CI writes its Chinese report into, in every request. */
export const REPORT_FIELD = 'report';

/** Choices for reference fields: the ids staff may pick, with a name they recognise. */
export type Choices = Partial<Record<TableName, { value: string; label: string }[]>>;

export interface BackendConfig {
  name: string;
  [key: string]: unknown;
}

/**
 * Default: Decap's proxy backend on the site's own origin, which `npm run staff:cms`
 * serves (decap-server against a local clone). A deployment that edits through a git
 * host sets GONGSHI_CMS_BACKEND to Decap's backend block as JSON, e.g.
 * {"name":"gitea","repo":"office/gongshi","base_url":"https://git.example.gov.cn","api_root":"https://git.example.gov.cn/api/v1"}.
 */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendConfig {
  const raw = env.GONGSHI_CMS_BACKEND;
  if (!raw) return { name: 'proxy', proxy_url: '/api/v1', branch: 'main' };
  const parsed = JSON.parse(raw) as BackendConfig;
  if (typeof parsed.name !== 'string') throw new Error('GONGSHI_CMS_BACKEND: "name" is required (Decap backend name)');
  return { branch: 'main', ...parsed };
}

/** Origins the admin page must be allowed to reach besides its own: the git host's API and login. */
export function backendOrigins(backend: BackendConfig): string[] {
  const origins = new Set<string>();
  for (const key of ['api_root', 'base_url', 'auth_endpoint', 'proxy_url']) {
    const v = backend[key];
    if (typeof v === 'string' && /^https?:\/\//.test(v)) origins.add(new URL(v).origin);
  }
  if (backend.name === 'github' && !backend.api_root) origins.add('https://api.github.com');
  if (backend.name === 'gitlab' && !backend.api_root) origins.add('https://gitlab.com');
  return [...origins].sort();
}

const ID_PATTERN = [CELL_PATTERNS.id!, '只用小写拼音字母、数字和连字符,如 dapuqiao-haili-huayuan'];
const DATE_PATTERN = [CELL_PATTERNS.date!, '写成 YYYY-MM-DD,如 2024-05-01'];
const PARTIAL_DATE_PATTERN = [CELL_PATTERNS['partial-date']!, '写成 YYYY-MM-DD;只知道年或月时写 YYYY 或 YYYY-MM'];

/** Chinese labels of the front-matter keys (the schemas name them in English for the files). */
const FRONT_MATTER_LABELS: Record<string, string> = {
  title: '标题',
  compound: '小区',
  compounds: '涉及的小区',
  kind: '类别',
  date: '日期',
  summary: '一句话摘要',
  source: '来源',
  period_start: '审计期间开始',
  period_end: '审计期间结束',
  published_on: '发布日期',
  auditor: '审计机构',
  district: '区',
  street: '街道/镇',
  doc_number: '文号',
  period: '时期',
  attachments: '附件',
};

const COLLECTION_LABELS: Record<string, [string, string]> = {
  notices: ['公告', '公告'],
  audits: ['审计报告', '审计报告'],
  policies: ['政策文件', '政策文件'],
};

type Field = Record<string, unknown>;

function select(name: string, label: string, choices: { value: string; label: string }[], required: boolean): Field {
  return { name, label, widget: 'select', options: choices, required };
}

function referenceField(name: string, label: string, table: string, required: boolean, choices: Choices): Field {
  const list = choices[table as TableName];
  if (list && list.length > 0) return select(name, label, list, required);
  return {
    name,
    label,
    widget: 'string',
    required,
    pattern: ID_PATTERN,
    hint: `填写${TABLES[table as TableName]?.title ?? table}的编号`,
  };
}

type Def = {
  type?: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  out?: z.ZodType;
  entries?: Record<string, string>;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwrap optional/default to the schema that says what the value is. */
function inner(s: z.ZodType): { schema: z.ZodType; required: boolean } {
  let required = true;
  let cur = s;
  for (let i = 0; i < 5; i++) {
    const d = defOf(cur);
    if ((d.type === 'optional' || d.type === 'default') && d.innerType) {
      required = false;
      cur = d.innerType;
    } else if (d.type === 'pipe' && d.out) cur = d.out;
    else break;
  }
  return { schema: cur, required };
}

function patternOf(s: z.ZodType): string | undefined {
  const checks = (s as unknown as { _zod: { def: { checks?: { _zod: { def: { pattern?: RegExp } } }[] } } })._zod.def
    .checks;
  return (checks ?? []).map((c) => c._zod.def.pattern?.source).find((p) => p !== undefined);
}

function attachmentsField(collection: string): Field {
  return {
    name: 'attachments',
    label: FRONT_MATTER_LABELS.attachments,
    label_singular: '附件',
    widget: 'list',
    required: false,
    summary: '{{fields.title}}',
    hint: `PDF、PNG 或 JPEG,每个不超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB;Word、Excel、WPS 文件请先另存为 PDF`,
    fields: [
      { name: 'title', label: '附件标题', widget: 'string', hint: '如:2024 年维修资金收支明细' },
      {
        name: 'file',
        label: '文件',
        widget: 'file',
        media_folder: `/public/files/${collection}`,
        public_folder: `/files/${collection}`,
        pattern: ['\\.(pdf|png|jpe?g)$', '只收 PDF、PNG、JPEG 文件(扩展名 .pdf .png .jpg)'],
      },
    ],
  };
}

function frontMatterField(collection: string, key: string, s: z.ZodType, choices: Choices): Field {
  const label = FRONT_MATTER_LABELS[key] ?? key;
  if (key === 'attachments') return attachmentsField(collection);
  const { schema, required } = inner(s);
  const target = referencedCollection(s);
  const d = defOf(schema);
  if (d.type === 'array' && d.element) {
    const t = referencedCollection(d.element);
    const list = t ? choices[t as TableName] : undefined;
    if (list?.length) return { ...select(key, label, list, false), multiple: true };
    return { name: key, label, widget: 'list', required: false };
  }
  if (target) return referenceField(key, label, target, required, choices);
  if (d.type === 'enum' && d.entries) {
    const values = Object.values(d.entries);
    return select(
      key,
      label,
      values.map((v) => ({ value: v, label: v })),
      required,
    );
  }
  const pattern = patternOf(schema);
  const field: Field = { name: key, label, widget: key === 'summary' ? 'text' : 'string', required };
  if (pattern?.startsWith('^\\d{4}-')) field.pattern = DATE_PATTERN;
  else if (pattern?.startsWith('^\\d{4}(')) field.pattern = PARTIAL_DATE_PATTERN;
  return field;
}

function contentCollection(name: 'notices' | 'audits' | 'policies', choices: Choices): Field {
  const shape = CONTENT_COLLECTIONS[name].shape as Record<string, z.ZodType>;
  const [label, singular] = COLLECTION_LABELS[name] ?? [name, name];
  const scope = name === 'policies' ? '{{district}}' : '{{compound}}';
  return {
    name,
    label,
    label_singular: singular,
    folder: `src/content/${name}`,
    extension: 'mdx',
    format: 'frontmatter',
    create: true,
    // The file name is the page address: ascii, dated, unique per minute of creation.
    slug: `${scope}-{{year}}{{month}}{{day}}-{{hour}}{{minute}}`,
    summary: '{{title}}',
    media_folder: `/public/files/${name}`,
    public_folder: `/files/${name}`,
    fields: [
      ...Object.entries(shape).map(([key, s]) => frontMatterField(name, key, s, choices)),
      { name: 'body', label: '正文', widget: 'markdown', hint: '照公告栏原文;不要写电话、身份证号、银行账号或房号' },
    ],
  };
}

/** A new compound as a request: one field per column of the compounds table, labelled as staff know it. */
function compoundRequests(choices: Choices): Field {
  const fields: Field[] = tableColumns('compounds').map((c) => {
    // The column descriptions are English (for contributors); staff get the example.
    const hint = c.meta.examples[0] ? `例:${c.meta.examples[0]}` : '';
    if (c.name === 'id') return { name: c.name, label: c.title, widget: 'string', pattern: ID_PATTERN, hint };
    if (c.meta.references) return { ...referenceField(c.name, c.title, c.meta.references, c.required, choices), hint };
    if (c.meta.enum) {
      const f = select(
        c.name,
        c.title,
        c.meta.enum.map((v) => ({ value: v, label: v })),
        c.required,
      );
      return { ...f, hint, ...(c.kind === 'enum-list' ? { multiple: true } : {}) };
    }
    return { name: c.name, label: c.title, widget: c.name === 'note' ? 'text' : 'string', required: c.required, hint };
  });
  return {
    name: 'compounds',
    label: '新增小区',
    label_singular: '新增小区',
    description: '填写一个新小区。保存后自动检查把它加进小区表,检查结果写在本页最下方。',
    folder: REQUEST_DIRS.compounds,
    format: 'yml',
    extension: 'yml',
    create: true,
    slug: '{{id}}',
    identifier_field: 'name',
    summary: '{{name}}({{id}})',
    fields: [...fields, reportField()],
  };
}

/** "This quarter's workbook": an .xlsx or .csv that CI imports into one table. */
function workbookRequests(): Field {
  const tables: TableName[] = TABLE_NAMES.filter((t) => t !== 'privacy_allow');
  return {
    name: 'workbooks',
    label: '上传表格',
    label_singular: '本季度表格',
    description: '上传 Excel 或 WPS 表格(.xlsx)。保存后自动检查导入,结果写在本页最下方。',
    folder: REQUEST_DIRS.workbooks,
    format: 'yml',
    extension: 'yml',
    create: true,
    slug: '{{table}}-{{year}}{{month}}{{day}}-{{hour}}{{minute}}',
    identifier_field: 'table',
    summary: '{{table}} {{year}}-{{month}}-{{day}}',
    media_folder: `/${UPLOAD_DIR}`,
    public_folder: `/${UPLOAD_DIR}`,
    fields: [
      select(
        'table',
        '导入到哪张表',
        tables.map((t) => ({ value: t, label: TABLES[t].title })),
        true,
      ),
      {
        name: 'file',
        label: '表格文件',
        widget: 'file',
        pattern: ['\\.(xlsx|csv|txt)$', '请上传 .xlsx(Excel、WPS 表格)或 .csv 文件'],
        hint: '第一行写表头(中文列名或数据标准的列名均可);维修资金流水只追加新的一行行,错账用“冲正”行更正',
      },
      { name: 'note', label: '说明', widget: 'text', required: false, hint: '如:2026 年第三季度维修资金收支' },
      reportField(),
    ],
  };
}

function reportField(): Field {
  return {
    name: REPORT_FIELD,
    label: '检查结果',
    widget: 'text',
    required: false,
    hint: '保存后由自动检查填写(约一两分钟后刷新可见)。有问题时按提示改正上面的内容或重新上传表格,再保存。',
  };
}

export interface AdminConfigOptions {
  backend: BackendConfig;
  choices: Choices;
}

/** The config object Decap reads. */
export function adminConfig({ backend, choices }: AdminConfigOptions): Record<string, unknown> {
  return {
    backend,
    publish_mode: 'editorial_workflow',
    locale: 'zh_Hans',
    // The preview pane would show raw ids and YAML keys; the public page is the preview.
    editor: { preview: false },
    site_url: '/',
    display_url: '/',
    media_folder: `${UPLOAD_DIR}`,
    public_folder: `/${UPLOAD_DIR}`,
    collections: [
      contentCollection('notices', choices),
      contentCollection('audits', choices),
      contentCollection('policies', choices),
      compoundRequests(choices),
      workbookRequests(),
    ],
  };
}

export function adminConfigYaml(opts: AdminConfigOptions): string {
  return dump(adminConfig(opts), { lineWidth: -1, noRefs: true, sortKeys: false });
}
