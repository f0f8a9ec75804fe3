/**
 * MDX front matter of src/content/{notices,audits,policies,cases}/*.mdx, read the
 * way Astro's glob loader reads it and validated with the same schema factories.
 * References stay plain id strings here; `rules/content-refs.ts` resolves them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'astro/zod';
import { CORE_SCHEMA, YAMLException, load, mergeTag, timestampTag } from 'js-yaml';
import { CONTENT_COLLECTIONS, type ContentCollectionName } from '../schema/content.ts';
import { decodeUtf8 } from './read-csv.ts';
import { describe, issue } from '../messages/catalogue.ts';
import type { ContentEntry } from './types.ts';
import type { DataIssue } from '../messages/issue.ts';
import { contentNameIssues } from './content-names.ts';
import { cmp } from '../util/compare.ts';
import { shownPath } from '../util/paths.ts';

// Astro parses front matter with js-yaml 4's default schema, which turns an
// unquoted 2023-08-29 into a Date; js-yaml 5's default does not. Mirror Astro so
// `npm run check` and the build agree on every file.
const ASTRO_YAML_SCHEMA = CORE_SCHEMA.withTags(timestampTag, mergeTag);

// Same pattern as Astro's extractFrontmatter (YAML only: the project writes no TOML).
const FRONT_MATTER_RE = /^(\uFEFF?|\s*\n)---([\s\S]*?\n)---/;

/**
 * The body as the MDX pipeline renders it (as @astrojs/mdx compiled it): front
 * matter replaced by spaces, line breaks kept, so the parser's line:column are the
 * file's own.
 */
export function blankFrontMatter(text: string): string {
  const m = FRONT_MATTER_RE.exec(text);
  if (!m) return text;
  const start = (m[1] ?? '').length;
  return text.slice(0, start) + m[0].slice(start).replace(/[^\r\n]/g, ' ') + text.slice(m[0].length);
}

function keyLinesOf(raw: string, firstLine: number): Record<string, number> {
  const lines: Record<string, number> = {};
  raw.split('\n').forEach((l, i) => {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(l);
    if (m?.[1] && lines[m[1]] === undefined) lines[m[1]] = firstLine + i;
  });
  return lines;
}

function fieldMessage(zi: z.core.$ZodIssue, value: unknown): { what: string; how: string } {
  // A plain unquoted date is read as that date (schema/content.ts); one with a time of day is not.
  if (value instanceof Date) {
    const iso = value.toISOString().slice(0, 10);
    return { what: `${value.toISOString().slice(0, 16).replace('T', ' ')} 带了时刻,这里只填日期`, how: `写成 ${iso}` };
  }
  if (value === undefined) return { what: '缺少必填字段', how: '补上这个字段' };
  if (typeof value === 'number' && zi.code === 'invalid_type') {
    return { what: `${value} 没有加引号,会被当成数字而不是文字`, how: `写成带英文引号的 "${value}"` };
  }
  if (zi.code === 'invalid_value') {
    return { what: `“${String(value)}”不是允许的取值`, how: `只能填写:${zi.values.map(String).join('、')}` };
  }
  if (zi.code === 'too_small' && typeof value === 'string') return { what: '值为空', how: '填写内容' };
  return { what: `值“${String(value)}”不对:${zi.message}`, how: '按数据标准中 MDX front matter 的说明填写' };
}

/**
 * Read and validate one MDX file's front matter. `raw` is the front matter as
 * written (what Astro's parseData validates again in the content loader), `text`
 * the decoded file with line breaks folded to LF.
 */
export function parseEntry(
  collection: ContentCollectionName,
  file: string,
  bytes: Uint8Array,
): { entry?: ContentEntry; raw?: Record<string, unknown>; text?: string; issues: DataIssue[] } {
  const whole = { file, line: 1, column: 1, columnName: '-' };
  const text = decodeUtf8(bytes)?.replace(/\r\n?/g, '\n');
  if (text === undefined) return { issues: [issue('encoding', whole, { file })] };
  const m = FRONT_MATTER_RE.exec(text);
  if (!m) return { issues: [issue('front-matter-missing', whole)] };
  const raw = m[2] ?? '';
  // `raw` starts right after the opening ---, so its first line is that line.
  const firstLine = (m[1] ?? '').split('\n').length;
  let parsed: unknown;
  try {
    parsed = load(raw, { schema: ASTRO_YAML_SCHEMA });
  } catch (e) {
    if (!(e instanceof YAMLException)) throw e;
    const reason = e.message.split('\n')[0] ?? '';
    const lineInRaw = /\((\d+):\d+\)/.exec(reason)?.[1];
    const line = lineInRaw ? firstLine + Number(lineInRaw) - 1 : 1;
    return { issues: [issue('front-matter-yaml', { ...whole, line }, { reason })] };
  }
  const data =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const keyLines = keyLinesOf(raw, firstLine);
  const schema = CONTENT_COLLECTIONS[collection];
  const issues: DataIssue[] = [];
  const at = (key: string) => ({ file, line: keyLines[key] ?? 1, column: 1, columnName: key });
  const allowed = Object.keys(schema.shape).join('、');
  for (const key of Object.keys(data)) {
    if (!(key in schema.shape)) issues.push(issue('front-matter-unknown', at(key), { key, allowed }));
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    for (const zi of result.error.issues) {
      const key = typeof zi.path[0] === 'string' ? zi.path[0] : '-';
      const { what, how } = fieldMessage(
        zi,
        zi.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown>)?.[p], data),
      );
      issues.push({ ...at(key), ...describe('front-matter-field', { what, how }) });
    }
  }
  if (issues.length > 0) return { issues };
  const id = path.basename(file).replace(/\.mdx?$/i, '');
  return {
    entry: { collection, id, file, data: result.data as Record<string, unknown>, keyLines },
    raw: data,
    text,
    issues,
  };
}

/**
 * Read every MDX file of every collection; a missing collection folder is simply empty.
 * Read synchronously: a city's thousands of small files awaited one by one left the check's main
 * thread idle for seconds between the thread pool's round trips (four per file).
 */
export function loadContent(root: string, contentDir: string): { entries: ContentEntry[]; issues: DataIssue[] } {
  const entries: ContentEntry[] = [];
  const issues: DataIssue[] = [];
  const shown = (abs: string) => shownPath(root, abs);
  for (const collection of Object.keys(CONTENT_COLLECTIONS) as ContentCollectionName[]) {
    const dir = path.join(contentDir, collection);
    issues.push(...contentNameIssues(collection, dir, (rel) => shown(path.join(dir, rel))));
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => /\.mdx?$/i.test(n))
        .sort(cmp);
    } catch {
      continue;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      const r = parseEntry(collection, shown(abs), readFileSync(abs));
      issues.push(...r.issues);
      if (r.entry) entries.push(r.entry);
    }
  }
  return { entries, issues };
}
