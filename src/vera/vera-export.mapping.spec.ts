import type { ComparedValue } from '../engine/eligibility/rule-outcome.js';
import { aanbiedingStatusOf, passendheidOf } from './vera-codes.js';
import { AllocationFacts, aanbiedingOf, toewijzingOf } from './vera-export.mapping.js';
import { VeraValidator } from './vera-validator.js';

const validator = VeraValidator.fromFile();
const value = (name: string, v: number | string | null, holds = true): ComparedValue => ({ name, value: v, limit: null, comparison: '<=', holds });

const allocation = (overrides: Partial<AllocationFacts> = {}): AllocationFacts => ({
  id: 7,
  allocationDate: '2026-03-15',
  vacancyReference: 'VAC-1',
  dwellingCode: 'D-1',
  householdReference: 'H-1',
  householdSize: 2,
  memberRoles: ['APPLICANT', 'PARTNER'],
  countsAs: ['daebInTargetGroup', 'passendWithinCap'],
  outcomes: [
    { ruleId: 'DAEB_TARGET_GROUP', result: 'PASSED', values: [value('taxableIncomeCents', 3_100_050)] },
    { ruleId: 'PASSEND_TOEWIJZEN', result: 'PASSED', values: [value('taxableIncomeCents', 3_100_050), value('netRentCents', 65_043)] },
  ],
  ...overrides,
});

describe('VERA export mapping', () => {
  it.each([
    ['OPEN', null, 'AAN', undefined],
    ['PENDING_APPROVAL', null, 'AAN', undefined],
    ['ACCEPTED', null, 'TOE', undefined],
    ['DECLINED', null, 'GEW', undefined],
    ['WITHDRAWN', null, 'ING', undefined],
    ['DECLINED', 'WOB', 'GEW', 'WOB'],
    // no response in time is a withdrawal in VERA (REA's parent is ING)
    ['DECLINED', 'REA', 'ING', 'REA'],
    // a code that is not in the list is left out, the state stays
    ['DECLINED', 'XYZ', 'GEW', undefined],
  ] as const)('offer %s with reason code %s: AANBIEDINGSTATUS %s, detail %s', (status, vera, expected, detail) => {
    const got = aanbiedingStatusOf(status, vera);
    expect(got.status.code).toBe(expected);
    expect(got.detailStatus?.code).toBe(detail);
  });

  it.each([
    [['passendWithinCap'], 'PAS'],
    [['passendAboveCap'], 'NIE'],
    [['daebInTargetGroup'], 'NVT'],
    [[], 'NVT'],
  ] as const)('counted %j: PASSENDHEIDSSOORT %s', (countsAs, code) => {
    expect(passendheidOf(countsAs).code).toBe(code);
  });

  it('writes the values the tests compared, in euros, and leaves out what was not compared (no nulls)', () => {
    const doc = toewijzingOf(allocation());
    expect(doc).toEqual({
      id: '7',
      code: 'VAC-1',
      datum: '2026-03-15T00:00:00Z',
      eenheid: { code: 'D-1' },
      kandidaat: { code: 'H-1' },
      huishoudgrootte: 2,
      // a couple: a household without children
      doelgroep: { code: 'HZO', naam: 'Huishouden zonder kinderen' },
      rekeninkomen: 31000.5,
      rekenhuur: 650.43,
      passendheidsoort: { code: 'PAS', naam: 'Passend' },
      'extra-attributen': [{ naam: 'woonmix.daebDoelgroep', waarde: 'BINNEN' }],
    });
    expect(validator.validate('Toewijzingen-Toewijzingbericht', doc)).toEqual([]);
  });

  it.each<[AllocationFacts['memberRoles'], string]>([
    [['APPLICANT'], 'EEN'],
    [['APPLICANT', 'CHILD'], 'GEZ'],
    [['APPLICANT', 'PARTNER', 'CHILD', 'CHILD'], 'GEZ'],
    [['APPLICANT', 'PARTNER'], 'HZO'],
    [['APPLICANT', 'CO_RESIDENT', 'CO_RESIDENT'], 'HZO'],
  ])('a household of %j is DOELGROEP %s', (memberRoles, code) => {
    expect((toewijzingOf(allocation({ memberRoles })).doelgroep as { code: string }).code).toBe(code);
  });

  it('writes the assets of the elderly exception and the priorities the household was housed with', () => {
    const doc = toewijzingOf(
      allocation({
        countsAs: ['daebAboveLimit', 'passendAboveCap', 'localTiesPriority'],
        outcomes: [
          { ruleId: 'PASSEND_TOEWIJZEN', result: 'EXCEPTION', values: [value('netRentCents', 80_000, false), value('box3AssetsCents', 5_000_000)] },
          { ruleId: 'URGENCY_VALIDITY', result: 'PASSED', values: [] },
          { ruleId: 'ACCESSIBILITY_INDICATION', result: 'PASSED', values: [value('indicationAccessibility', 'WHEELCHAIR', true)] },
        ],
      }),
    );
    expect(doc).toMatchObject({
      rekenhuur: 800,
      rekenvermogen: 50000,
      passendheidsoort: { code: 'NIE' },
      voorrangsregelingen: [{ soort: { code: 'URG' } }, { soort: { code: 'BIN' } }, { soort: { code: 'IND' } }],
      'extra-attributen': [{ naam: 'woonmix.daebDoelgroep', waarde: 'BOVEN' }],
    });
    expect(doc.rekeninkomen).toBeUndefined();
    expect(validator.validate('Toewijzingen-Toewijzingbericht', doc)).toEqual([]);
  });

  it('an indication that did not match the home is no priority', () => {
    const doc = toewijzingOf(
      allocation({ outcomes: [{ ruleId: 'ACCESSIBILITY_INDICATION', result: 'PASSED', values: [value('indicationAccessibility', null, false)] }] }),
    );
    expect(doc.voorrangsregelingen).toBeUndefined();
  });

  it('an offer refused with a coded reason follows the specification', () => {
    const doc = aanbiedingOf({ id: 3, status: 'DECLINED', vacancyReference: 'VAC-1', householdReference: 'H-1', veraDetailStatus: 'WBN' });
    expect(doc).toEqual({
      id: '3',
      status: { code: 'GEW', naam: 'Geweigerd' },
      detailStatus: { code: 'WBN', naam: 'Woning bevalt niet' },
      publicatie: { code: 'VAC-1' },
      relatie: { code: 'H-1' },
    });
    expect(validator.validate('Aanbiedingen-Aanbiedingbericht', doc)).toEqual([]);
  });
});
