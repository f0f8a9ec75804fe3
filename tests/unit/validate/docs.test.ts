/** The published standard and the JSON Schemas come from the schemas, never written twice. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderDataStandard } from '../../../scripts/docs/standard-doc.ts';
import { tableJsonSchema } from '../../../src/lib/opendata/json-schema.ts';
import { columnsOf, TABLE_NAMES } from '../../../src/lib/schema/tables.ts';
import { CATALOGUE, ISSUE_KINDS } from '../../../src/lib/messages/catalogue.ts';

describe('docs/data-standard.md', () => {
  it('equals a fresh generation (run `npm run docs` after changing a schema)', async () => {
    const onDisk = await readFile(new URL('../../../docs/data-standard.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(renderDataStandard());
  });

  it('documents every column of every table and every issue kind', () => {
    const doc = renderDataStandard();
    for (const t of TABLE_NAMES) {
      expect(doc).toContain(`### ${t}\n`);
      expect(doc).toContain(
        `表头:\`${columnsOf(t)
          .map((c) => c.name)
          .join(',')}\``,
      );
    }
    for (const k of ISSUE_KINDS) expect(doc).toContain(`| \`${k}\` | ${CATALOGUE[k].title} |`);
  });
});

describe('tableJsonSchema (the published /data/<table>.schema.json)', () => {
  it('describes CSV cells as strings, with required columns and references', () => {
    const s = tableJsonSchema('contracts') as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, Record<string, unknown>>;
    };
    expect(s.required).toEqual(['id', 'compound_id', 'firm_id', 'source_id']);
    expect(s.additionalProperties).toBe(false);
    expect(s.properties.compound_id).toMatchObject({ type: 'string', 'x-references': 'compounds' });
    // A semicolon list is not a JSON Schema enum: "保安;保洁" must stay valid input.
    expect(s.properties.services?.enum).toBeUndefined();
    const list = new RegExp(String(s.properties.services?.pattern), 'u');
    expect(list.test('保安;保洁')).toBe(true);
    expect(list.test('保安;打扫')).toBe(false);
  });

  it('keeps single-value enums as JSON Schema enums and yields JSON for every table', () => {
    const s = tableJsonSchema('compounds') as { properties: Record<string, Record<string, unknown>> };
    expect(s.properties.management_mode?.enum).toContain('片区大物业');
    for (const t of TABLE_NAMES) expect(() => JSON.stringify(tableJsonSchema(t))).not.toThrow();
  });
});
