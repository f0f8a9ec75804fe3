import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../../src/lib/model/build.ts';
import { type Rows } from '../../../../src/lib/model/types.ts';
import { TABLE_NAMES } from '../../../../src/lib/schema/tables.ts';
import type { District } from '../../../../src/lib/schema/places.ts';
import type { Row } from '../../../../src/lib/schema/tables.ts';
import { evaluationsOfDistrict } from '../../../../src/lib/views/directory/rankings-pages.ts';
import { compound, evaluation } from './rows.ts';

const empty = Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as Rows;
const district = (id: string) => ({ id, name: id, city: '市' }) as District;
const street = (id: string, district_id: string) => ({ id, name: id, district_id }) as Row<'streets'>;

// Every way an evaluation names its place: a district (which wins over a street or compound in
// another), a street (an unknown one places it nowhere, whatever its compound), only a compound,
// an unknown compound, nothing at all.
const evaluations = [
  evaluation('e1', 2024, { district_id: 'east' }),
  evaluation('e2', 2024, { street_id: 'w1' }),
  evaluation('e3', 2024, { compound_id: 'c-east' }),
  evaluation('e4', 2024, { district_id: 'west', street_id: 'e1', compound_id: 'c-east' }),
  evaluation('e5', 2024, { street_id: 'e1', compound_id: 'c-west' }),
  evaluation('e6', 2024, { street_id: 'gone', compound_id: 'c-east' }),
  evaluation('e7', 2024, { compound_id: 'gone' }),
  evaluation('e8', 2024),
  evaluation('e9', 2023, { compound_id: 'c-west' }),
];
const site = buildSiteData(
  { title: 't', as_of: '2026-11-01', licence: 'x', standard_version: 1, publisher: 'p' },
  {
    ...empty,
    districts: [district('east'), district('west')],
    streets: [street('e1', 'east'), street('w1', 'west')],
    compounds: [
      compound('c-east', { district_id: 'east', street_id: 'e1' }),
      compound('c-west', { district_id: 'west', street_id: 'w1' }),
    ],
    evaluations,
  },
  { notices: [], audits: [], policies: [], cases: [] },
);

/** What the rankings pages filtered the city's evaluations by, one district at a time. */
const belongs = (e: (typeof evaluations)[number], d: string) =>
  e.district_id === d ||
  (e.district_id === undefined && e.street_id !== undefined && site.streetById.get(e.street_id)?.district_id === d) ||
  (e.district_id === undefined &&
    e.street_id === undefined &&
    e.compound_id !== undefined &&
    site.compoundById.get(e.compound_id)?.district_id === d);

describe('evaluationsOfDistrict', () => {
  it('gives a district the evaluations ranked there, in its streets or, naming only a compound, of its compounds', () => {
    expect(evaluationsOfDistrict(site, 'east').map((e) => e.id)).toEqual(['e1', 'e3', 'e5']);
    expect(evaluationsOfDistrict(site, 'west').map((e) => e.id)).toEqual(['e2', 'e4', 'e9']);
    expect(evaluationsOfDistrict(site, 'nowhere')).toEqual([]);
  });

  it('is, district by district, the filter of the whole table it replaces, in table order', () => {
    for (const d of ['east', 'west', 'gone', 'nowhere'])
      expect(evaluationsOfDistrict(site, d)).toEqual(evaluations.filter((e) => belongs(e, d)));
  });

  it('hands out lists a caller may sort without changing the next answer', () => {
    evaluationsOfDistrict(site, 'east').reverse();
    expect(evaluationsOfDistrict(site, 'east').map((e) => e.id)).toEqual(['e1', 'e3', 'e5']);
  });
});
