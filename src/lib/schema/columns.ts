/**
 * Column builders for the data standard.
 *
 * Every CSV cell arrives as a string (papaparse runs without dynamicTyping, which
 * would eat leading zeros and long codes), so each builder is a zod schema whose
 * *input* is the cell text (or `undefined` for a blank cell) and whose *output* is
 * the typed value. The same schema feeds three things: the CSV loader, the Astro
 * collections, and the generated documentation / JSON Schema (through `.meta()`).
 *
 * Errors are raised as custom issues whose `params.fix` says how to repair the
 * cell; the loader turns them into `file:line:column column: what (fix)`.
 */
import { z } from 'astro/zod';
import { parseMoneyToFen } from '../util/money.ts';
import { isRealDate } from '../util/dates.ts';
import { isValidCreditCode } from '../util/credit-code.ts';
import { describe, type IssueKind, type Vars } from '../messages/catalogue.ts';
import { DATE_RE, ID_RE, PARTIAL_DATE_RE } from './patterns.ts';

/**
 * What kind of value a column holds. The serialisers and the importer turn a typed
 * value back into the one canonical cell text, and the importer picks its normaliser
 * by kind; each builder below states its kind, so nothing has to guess it from text.
 */
export type ColumnKind =
  | 'id'
  | 'text'
  | 'url'
  | 'int'
  | 'decimal'
  | 'percent'
  | 'money'
  | 'date'
  | 'partial-date'
  | 'year'
  | 'bool'
  | 'enum'
  | 'enum-list'
  | 'credit-code';

/** What the documentation and JSON Schema say about a column. */
// A type alias, not an interface: zod's meta() wants an index-signature-compatible object.
export type ColumnMeta = {
  /** Chinese label shown to staff and on the site. */
  title: string;
  /** One sentence on what the column holds. */
  description: string;
  /** A valid example cell. */
  examples: [string];
  /** The unit, when the value is a quantity. */
  unit?: string;
  /** Human description of the type, e.g. "日期 YYYY-MM-DD". */
  format: string;
  /** The kind of value, set by the builder. */
  kind: ColumnKind;
  /** Table whose `id` this column refers to. */
  references?: string;
  /** Allowed values, for enum and list columns. */
  enum?: readonly string[];
  /** Whether the cell may be blank. */
  required: boolean;
  /** Dates and years that may lie after the data's as-of date (deadlines). */
  allowFuture?: boolean;
  /** Free text that may run over several lines (line breaks and tabs inside a quoted cell). */
  multiline?: boolean;
};

type Doc = Pick<ColumnMeta, 'title' | 'description'> & {
  example: string;
  unit?: string;
};

/** Issue params read by the loader; `fix` is the "how to fix" half of a message. */
export interface IssueParams {
  fix: string;
  kind: string;
}

type Ctx = z.core.$RefinementCtx<unknown>;

/** Raise a catalogue issue on the cell; the wording lives in src/lib/messages/catalogue.ts. */
function fail(ctx: Ctx, kind: IssueKind, vars: Vars = {}): typeof z.NEVER {
  const { message, fix } = describe(kind, vars);
  ctx.addIssue({ code: 'custom', message, params: { fix, kind } satisfies IssueParams });
  return z.NEVER;
}

const cell = z.string().optional();

function metaOf(
  doc: Doc,
  kind: ColumnKind,
  format: string,
  required: boolean,
  extra: Partial<ColumnMeta> = {},
): ColumnMeta {
  return {
    title: doc.title,
    description: doc.description,
    examples: [doc.example],
    ...(doc.unit ? { unit: doc.unit } : {}),
    format,
    kind,
    required,
    ...extra,
  };
}

/**
 * Build a required and an optional variant of a column from one parser.
 * `parse` receives a non-blank, trimmed-by-policy string.
 */
function column<T>(
  kind: ColumnKind,
  format: string,
  parse: (raw: string, ctx: Ctx, doc: Doc) => T,
  extra: Partial<ColumnMeta> = {},
) {
  const checked = (raw: string, ctx: Ctx, doc: Doc): T => {
    const bad = controlCharacter(raw, extra.multiline === true);
    if (bad) return fail(ctx, bad.kind, { code: bad.code, name: bad.name, position: bad.position });
    return parse(raw, ctx, doc);
  };
  const required = (doc: Doc) =>
    cellSchema(
      (raw, ctx): T => {
        if (raw === undefined || raw === '') {
          return fail(ctx, 'required', { title: doc.title, example: doc.example });
        }
        return checked(raw, ctx, doc);
      },
      metaOf(doc, kind, format, true, extra),
    );
  const optional = (doc: Doc) =>
    cellSchema(
      (raw, ctx): T | undefined => (raw === undefined || raw === '' ? undefined : checked(raw, ctx, doc)),
      metaOf(doc, kind, format, false, extra),
    );
  return { required, optional };
}

/** A cell's text (undefined: blank) → its value; a refusal is an issue added to `ctx`. */
export type CellParse = (raw: string | undefined, ctx: Ctx) => unknown;

/** Each column schema's own transform, by schema (cellParser). */
const CELL_PARSES = new WeakMap<z.ZodType, CellParse>();

function cellSchema<T>(parse: (raw: string | undefined, ctx: Ctx) => T, meta: ColumnMeta) {
  const schema = cell.transform(parse).meta(meta);
  CELL_PARSES.set(schema, parse);
  return schema;
}

/**
 * The transform a column schema runs on a cell's text, to call without zod: the loader types a
 * city's millions of cells this way (type-rows.ts), where zod's safeParse around the same
 * function cost more than the function. Undefined for a schema not built here.
 */
export const cellParser = (schema: z.ZodType): CellParse | undefined => CELL_PARSES.get(schema);

/**
 * Characters no published cell may hold: C0 and C1 controls (NUL, bell, escape, NEL…), DEL,
 * the line and paragraph separators, and the bidirectional controls that reorder what a
 * reader sees (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, and the
 * invisible marks U+200E, U+200F, U+061C: Chinese text never needs them, and an attacker can
 * use them to show one number and publish another). Tab and line breaks only in multi-line columns.
 */
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;
const BIDI_RE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const LINE_RE = /[\t\n\r]/;
const ANY_CONTROL_RE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const CONTROL_NAMES: Record<string, string> = {
  '\u0000': 'NUL 空字符',
  '\t': '制表符',
  '\n': '换行',
  '\r': '回车',
  '\u0085': 'NEL 换行控制符',
  '\u2028': '行分隔符',
  '\u2029': '段分隔符',
  '\u202E': '从右到左强制排列',
  '\u202D': '从左到右强制排列',
  '\u200E': '从左到右标记',
  '\u200F': '从右到左标记',
};

function controlCharacter(
  raw: string,
  multiline: boolean,
): { kind: 'control-char' | 'bidi-control' | 'line-break'; code: string; name: string; position: number } | undefined {
  if (!ANY_CONTROL_RE.test(raw)) return undefined; // the one test nearly every cell takes
  const at = (re: RegExp) => raw.search(re);
  const found = (kind: 'control-char' | 'bidi-control' | 'line-break', i: number) => {
    const ch = raw[i] as string;
    const code = `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CONTROL_NAMES[ch] ?? (kind === 'bidi-control' ? '双向文字控制符' : '控制字符');
    return { kind, code, name, position: [...raw.slice(0, i)].length + 1 };
  };
  let i = at(CONTROL_RE);
  if (i >= 0) return found('control-char', i);
  i = at(BIDI_RE);
  if (i >= 0) return found('bidi-control', i);
  if (!multiline) {
    i = at(LINE_RE);
    if (i >= 0) return found('line-break', i);
  }
  return undefined;
}

const INVISIBLE_RE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const INVISIBLE_RE_G = new RegExp(INVISIBLE_RE.source, 'g');

/** Cells must not carry stray whitespace: Excel users cannot see it, and ids would silently differ. */
function checkTrim(raw: string, ctx: Ctx, example: string): boolean {
  // Zero-width characters survive trim() and make equal-looking text differ (search, dedup, ids).
  if (INVISIBLE_RE.test(raw)) {
    fail(ctx, 'invisible', { cleaned: raw.replace(INVISIBLE_RE_G, '') });
    return false;
  }
  if (raw !== raw.trim()) {
    fail(ctx, 'whitespace', { trimmed: raw.trim() || example });
    return false;
  }
  return true;
}

const HAN_RE = /\p{Script=Han}/u;

/** The example in the fix is this column's own (a street id for street_id), never another table's. */
function parseId(raw: string, ctx: Ctx, doc: Doc): string {
  if (!ID_RE.test(raw)) return fail(ctx, 'id', { value: raw, example: doc.example });
  return raw;
}

/**
 * A reference written as a name ("大浦桥街道" where the street's id belongs) is the common
 * mistake from a city's template: say so, with an id of the referenced table as the example.
 */
function refParser(table: string) {
  return (raw: string, ctx: Ctx, doc: Doc): string => {
    if (HAN_RE.test(raw))
      return fail(ctx, 'id-name', { value: raw, title: doc.title, example: doc.example, target: table });
    return parseId(raw, ctx, doc);
  };
}

export const idColumn = column('id', '编号:小写字母、数字、连字符', parseId);

/** A reference to another table's `id`; existence is checked across tables by the validator. */
export function refColumn(table: string) {
  return column('id', `编号,指向 ${table}.csv 的 id`, refParser(table), { references: table });
}

export const textColumn = column('text', '文本', (raw, ctx) => {
  checkTrim(raw, ctx, '');
  return raw;
});

/** Free text (notes, citations) that may keep the line breaks of a quoted multi-line cell. */
export const noteColumn = column(
  'text',
  '文本(可换行)',
  (raw, ctx) => {
    checkTrim(raw, ctx, '');
    return raw;
  },
  { multiline: true },
);

const HTTP_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
export const urlColumn = column('url', '网址(仅 http/https)', (raw, ctx) => {
  if (!HTTP_RE.test(raw)) {
    return fail(ctx, 'url', { value: raw });
  }
  return raw;
});

export function intColumn(min: number, max: number) {
  return column('int', `整数 ${min}–${max}`, (raw, ctx) => {
    if (!/^-?\d+$/.test(raw))
      return fail(ctx, 'type', {
        value: raw,
        expected: '整数',
        how: `填写 ${min} 到 ${max} 之间的整数,不带单位和逗号`,
      });
    const n = Number(raw);
    if (n < min || n > max) return fail(ctx, 'range', { value: raw, min, max });
    return n;
  });
}

/** A decimal quantity (area, score) kept as a JS number; never used for money. */
export function decimalColumn(min: number, max: number, scale: number) {
  const re = new RegExp(`^-?\\d+(?:\\.\\d{1,${scale}})?$`);
  return column('decimal', `小数(最多 ${scale} 位)`, (raw, ctx) => {
    if (!re.test(raw))
      return fail(ctx, 'type', { value: raw, expected: '数字', how: `填写数字,最多 ${scale} 位小数,不带单位和逗号` });
    const n = Number(raw);
    if (n < min || n > max) return fail(ctx, 'range', { value: raw, min, max });
    return n;
  });
}

/** Percentage 0–100, up to two decimals, written without the % sign. */
export const percentColumn = column('percent', '百分数 0–100(不带 % 号)', (raw, ctx) => {
  if (!/^\d+(?:\.\d{1,2})?$/.test(raw)) {
    return fail(ctx, 'type', {
      value: raw,
      expected: '百分数',
      how: '填写 0 到 100 之间的数字,不带 % 号,如 95 或 88.5',
    });
  }
  const n = Number(raw);
  if (n > 100) return fail(ctx, 'percent', { value: raw });
  return n;
});

/**
 * Money in yuan written as a plain decimal string with at most two decimals,
 * parsed to integer fen without ever passing through a float.
 */
export const moneyColumn = column('money', '金额(元,最多两位小数)→ 整数分', (raw, ctx) => {
  const fen = parseMoneyToFen(raw);
  if (fen === undefined) {
    return fail(ctx, 'money', { value: raw });
  }
  return fen;
});

/**
 * No date or year the portal publishes lies before 1840 (the oldest compounds date from the
 * treaty-port era); an earlier one is a typo or a spreadsheet's stand-in for a blank date.
 */
const EARLIEST_YEAR = 1840;
const EARLIEST = `${EARLIEST_YEAR}-01-01`;

function dateParser(allowFuture: boolean) {
  return (raw: string, ctx: Ctx): string => {
    if (!DATE_RE.test(raw)) {
      return fail(ctx, 'date', { value: raw });
    }
    if (!isRealDate(raw)) return fail(ctx, 'date-impossible', { value: raw });
    if (raw < EARLIEST) return fail(ctx, 'date-too-early', { value: raw });
    void allowFuture; // future dates are checked against the data's as-of date by the validator
    return raw;
  };
}

/** Calendar date YYYY-MM-DD; must not lie after the data's as-of date. */
export const dateColumn = column('date', '日期 YYYY-MM-DD', dateParser(false));
/** Calendar date that may lie in the future (deadlines, contract ends, term ends). */
export const futureDateColumn = column('date', '日期 YYYY-MM-DD(可晚于数据日期)', dateParser(true), {
  allowFuture: true,
});

/**
 * A date known only to the year or month ("2026", "2019-11") or to the day. Sources often
 * say "今年" or give only a month; storing 2026-01-01 would publish a day nobody reported.
 */
export const partialDateColumn = column(
  'partial-date',
  '日期 YYYY、YYYY-MM 或 YYYY-MM-DD(来源只给到年或月时照写)',
  (raw, ctx) => {
    if (!PARTIAL_DATE_RE.test(raw)) return fail(ctx, 'partial-date', { value: raw });
    const full = raw.length === 4 ? `${raw}-01-01` : raw.length === 7 ? `${raw}-01` : raw;
    if (!isRealDate(full)) return fail(ctx, 'date-impossible', { value: raw });
    if (full < EARLIEST) return fail(ctx, 'date-too-early', { value: raw });
    return raw;
  },
);

export const yearColumn = column('year', '年份(四位)', (raw, ctx) => {
  if (!/^\d{4}$/.test(raw)) return fail(ctx, 'type', { value: raw, expected: '四位年份', how: '填写四位年份,如 2023' });
  const n = Number(raw);
  if (n < EARLIEST_YEAR || n > 2100) return fail(ctx, 'range', { value: raw, min: EARLIEST_YEAR, max: 2100 });
  return n;
});

export const boolColumn = column(
  'bool',
  '是/否',
  (raw, ctx) => {
    if (raw === '是') return true;
    if (raw === '否') return false;
    return fail(ctx, 'enum', { value: raw, allowed: '是、否' });
  },
  { enum: ['是', '否'] },
);

export function enumColumn<const V extends readonly [string, ...string[]]>(values: V) {
  return column(
    'enum',
    `取值之一:${values.join('、')}`,
    (raw, ctx): V[number] => {
      if ((values as readonly string[]).includes(raw)) return raw as V[number];
      return fail(ctx, 'enum', { value: raw, allowed: values.join('、') });
    },
    { enum: values },
  );
}

/** Several enum values in one cell, separated by the ASCII semicolon. */
export function enumListColumn<const V extends readonly [string, ...string[]]>(values: V) {
  return column(
    'enum-list',
    `用英文分号 ; 分隔的取值:${values.join('、')}`,
    (raw, ctx): V[number][] => {
      const parts = raw.split(';');
      const bad = parts.filter((p) => !(values as readonly string[]).includes(p));
      if (bad.length > 0) {
        return fail(ctx, 'enum', { value: bad.join('、'), allowed: `${values.join('、')}(多个用英文分号 ; 分隔)` });
      }
      const repeated = parts.find((p, i) => parts.indexOf(p) !== i);
      if (repeated !== undefined) return fail(ctx, 'enum-duplicate', { value: repeated });
      return parts as V[number][];
    },
    { enum: values },
  );
}

/** Unified social credit code (统一社会信用代码), 18 characters with the GB 32100 check character. */
export const creditCodeColumn = column('credit-code', '统一社会信用代码(18 位,GB 32100 校验)', (raw, ctx) => {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(raw)) {
    return fail(ctx, 'credit-code', { value: raw });
  }
  if (!isValidCreditCode(raw)) {
    return fail(ctx, 'credit-code-check', { value: raw });
  }
  return raw;
});
