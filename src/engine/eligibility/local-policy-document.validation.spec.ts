import fc from 'fast-check';
import { DEFAULT_LOCAL_POLICY } from './default-local-policy.js';
import { LocalPolicy } from './local-policy.js';
import { HVW_ART_12_MANDATORY_URGENCY_CATEGORIES, LocalPolicyDocument, localPolicyDocumentProblems as sut } from './local-policy-document.validation.js';

/** A LocalPolicy in stored document shape (as the Nest layer writes it), as fresh JSON. */
function toDocument(policy: LocalPolicy, complexCodes: string[] = []): LocalPolicyDocument {
  const { id: _id, name: _name, municipalityCodes: _codes, rotterdamwet, ...rest } = policy;
  const { designatedComplexIds: _ids, ...rw } = rotterdamwet;
  const doc: LocalPolicyDocument = { ...rest, rotterdamwet: { ...rw, designatedComplexCodes: complexCodes } };
  return JSON.parse(JSON.stringify(doc)) as LocalPolicyDocument;
}

type Mutation = (doc: any) => void;

/** The default document changed by `mutate` (a fresh copy each time). */
function docWith(mutate: Mutation): unknown {
  const doc = toDocument(DEFAULT_LOCAL_POLICY);
  mutate(doc);
  return doc;
}

/** Sets `path` (dot path, array indices as numbers) to `value`; `undefined` deletes the key. */
function set(path: string, value: unknown): Mutation {
  return (doc) => {
    const keys = path.split('.');
    const last = keys.pop()!;
    const parent = keys.reduce((o, k) => o[k], doc);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  };
}

const remove = (path: string): Mutation => set(path, undefined);
const p = (field: string, reason: string) => ({ field, reason });
const LONG_61 = 'X'.repeat(61);

describe('localPolicyDocumentProblems', () => {
  describe('valid documents', () => {
    it('DEFAULT_LOCAL_POLICY in document shape has no problems', () => {
      expect(sut(toDocument(DEFAULT_LOCAL_POLICY))).toEqual([]);
    });

    it('the mandatory urgency categories are those of the default policy', () => {
      expect([...HVW_ART_12_MANDATORY_URGENCY_CATEGORIES]).toEqual(DEFAULT_LOCAL_POLICY.urgency.mandatoryCategories);
    });

    it.each<[string, Mutation]>([
      ['designated complex codes', set('rotterdamwet.designatedComplexCodes', ['CPLX-001', 'CPLX-002'])],
      [
        'Rotterdamwet applied, every income source refused',
        set('rotterdamwet', {
          apply: true,
          designatedComplexCodes: ['C1'],
          refusedIncomeSources: ['WORK', 'BENEFIT', 'PENSION', 'STUDENT', 'OTHER'],
          minYearsInRegion: 0,
        }),
      ],
      [
        'no room norms, no labels',
        (d) => {
          d.roomNorms = [];
          d.labels = {};
        },
      ],
      ['a room norm with every bound null but minPersons', set('roomNorms', [{ minPersons: 1, maxPersons: null, minRooms: null, maxRooms: null }])],
      ['max equal to min', set('roomNorms.0', { minPersons: 2, maxPersons: 2, minRooms: 3, maxRooms: 3 })],
      [
        'a local label with every requirement kind',
        set('labels.LOCAL_MIX', {
          requirement: { kind: 'MAX_AGE', belowAge: 28, minAge: null, ageOf: 'ELDEST_ADULT', rentAtMostQualityDiscountLimit: false },
          fallback: [
            { kind: 'MIN_AGE', minAge: 0, ageOf: 'APPLICANT' },
            { kind: 'HOUSEHOLD', minPersons: 1, minChildren: 0 },
            { kind: 'INDICATION', accessibility: 'ZERO_STEP' },
            { kind: 'MAX_AGE', belowAge: null, minAge: null, ageOf: 'APPLICANT', rentAtMostQualityDiscountLimit: true },
            { kind: 'OPEN' },
          ],
        }),
      ],
      ['empty accessibility lists', set('accessibility', { priorityFor: [], indicationRequiredFor: [], releaseToRegularOnFallback: false })],
      [
        'only the mandatory urgency categories',
        set('urgency', { mandatoryCategories: ['INFORMAL_CARE', 'SHELTER_DOMESTIC_VIOLENCE', 'HOMELESS_FAMILIES'], localCategories: [] }),
      ],
      ['a 60-character urgency category', set('urgency.localCategories', ['X'.repeat(60)])],
      ['region-wide exclusive ties at the bounds', set('localTies', { minYears: 100, scope: 'REGION', mode: 'EXCLUSIVE', maxShareBasisPoints: 10000 })],
      [
        'basis points at the bounds',
        set('quotas', {
          freeAllocationRoom: { standardBasisPoints: 0, agreedBasisPoints: 10000, agreedInPrestatieafspraken: true },
          passendExceptionBasisPoints: 0,
        }),
      ],
    ])('%s', (_, mutate) => {
      expect(sut(docWith(mutate))).toEqual([]);
    });
  });

  describe('not an object', () => {
    it.each<[unknown, string]>([
      [null, 'null'],
      [undefined, 'nothing'],
      [42, '42'],
      ['policy', '"policy"'],
      ['x'.repeat(41), 'a string of 41 characters'],
      [true, 'true'],
      [[], 'an array'],
      [[toDocument(DEFAULT_LOCAL_POLICY)], 'an array'],
      [new Date(0), 'an object'],
    ])('%p -> one problem on the document', (input, got) => {
      expect(sut(input)).toEqual([p('document', `must be an object (got ${got})`)]);
    });

    it('an empty object reports every top-level key as required', () => {
      expect(sut({})).toEqual(['roomNorms', 'labels', 'accessibility', 'urgency', 'localTies', 'rotterdamwet', 'quotas'].map((f) => p(f, 'is required')));
    });
  });

  describe('missing keys', () => {
    it.each([
      'roomNorms',
      'labels',
      'accessibility',
      'urgency',
      'localTies',
      'rotterdamwet',
      'quotas',
      'roomNorms.0.minPersons',
      'roomNorms.3.maxPersons',
      'roomNorms.1.minRooms',
      'roomNorms.2.maxRooms',
      'labels.SENIOR_55.requirement',
      'labels.SENIOR_55.fallback',
      'labels.SENIOR_55.requirement.minAge',
      'labels.SENIOR_55.fallback.0.ageOf',
      'labels.SENIOR_65.fallback.1.kind',
      'labels.YOUTH.requirement.belowAge',
      'labels.YOUTH.requirement.minAge',
      'labels.YOUTH.requirement.rentAtMostQualityDiscountLimit',
      'labels.FAMILY.requirement.minPersons',
      'labels.FAMILY.requirement.minChildren',
      'labels.WHEELCHAIR.requirement.accessibility',
      'accessibility.priorityFor',
      'accessibility.indicationRequiredFor',
      'accessibility.releaseToRegularOnFallback',
      'urgency.mandatoryCategories',
      'urgency.localCategories',
      'localTies.minYears',
      'localTies.scope',
      'localTies.mode',
      'localTies.maxShareBasisPoints',
      'rotterdamwet.apply',
      'rotterdamwet.designatedComplexCodes',
      'rotterdamwet.refusedIncomeSources',
      'rotterdamwet.minYearsInRegion',
      'quotas.freeAllocationRoom',
      'quotas.passendExceptionBasisPoints',
      'quotas.freeAllocationRoom.standardBasisPoints',
      'quotas.freeAllocationRoom.agreedBasisPoints',
      'quotas.freeAllocationRoom.agreedInPrestatieafspraken',
    ])('%s -> is required', (path) => {
      expect(sut(docWith(remove(path)))).toEqual([p(path, 'is required')]);
    });

    it('a label may be left out (labels not listed are ignored)', () => {
      expect(sut(docWith(remove('labels.YOUTH')))).toEqual([]);
    });
  });

  describe('unknown keys', () => {
    it.each<[string, unknown, string]>([
      ['id', 'DEFAULT', 'is not a known field (it is not part of the document)'],
      ['name', 'Default', 'is not a known field (it is stored beside the document, not in it)'],
      ['municipalityCodes', ['GM0599'], 'is not a known field (it is stored beside the document, not in it)'],
      ['rotterdamwet.designatedComplexIds', [1], 'is not a known field (use designatedComplexCodes)'],
      ['roomNorms.0.persons', 1, 'is not a known field'],
      ['labels.SENIOR_55.priority', 1, 'is not a known field'],
      ['labels.SENIOR_55.requirement.belowAge', 60, 'is not a known field'], // MIN_AGE has no belowAge
      ['labels.WHEELCHAIR.fallback.0.minAge', 18, 'is not a known field'], // OPEN has only kind
      ['labels.FAMILY.requirement.ageOf', 'APPLICANT', 'is not a known field'],
      ['accessibility.indicationRequired', true, 'is not a known field'],
      ['urgency.categories', [], 'is not a known field'],
      ['localTies.maxShare', 5000, 'is not a known field'],
      ['quotas.freeAllocationRoom.agreed', true, 'is not a known field'],
    ])('%s -> %s', (path, value, reason) => {
      expect(sut(docWith(set(path, value)))).toEqual([p(path, reason)]);
    });

    it('a designatedComplexIds key in place of designatedComplexCodes reports both', () => {
      const doc = docWith((d) => {
        delete d.rotterdamwet.designatedComplexCodes;
        d.rotterdamwet.designatedComplexIds = [7];
      });
      expect(sut(doc)).toEqual([
        p('rotterdamwet.designatedComplexCodes', 'is required'),
        p('rotterdamwet.designatedComplexIds', 'is not a known field (use designatedComplexCodes)'),
      ]);
    });
  });

  describe('wrong types', () => {
    it.each<[string, unknown, string]>([
      ['roomNorms', {}, 'must be an array (got an object)'],
      ['roomNorms.0', 1, 'must be an object (got 1)'],
      ['labels', [], 'must be an object keyed by label (got an array)'],
      ['labels.YOUTH', null, 'must be an object (got null)'],
      ['labels.YOUTH.requirement', 'OPEN', 'must be an object (got "OPEN")'],
      ['labels.YOUTH.fallback', null, 'must be an array (got null)'],
      ['labels.SENIOR_55.fallback.1', [], 'must be an object (got an array)'],
      ['accessibility', 'all', 'must be an object (got "all")'],
      ['accessibility.priorityFor', 'WHEELCHAIR', 'must be an array (got "WHEELCHAIR")'],
      ['accessibility.releaseToRegularOnFallback', 'yes', 'must be true or false (got "yes")'],
      ['labels.YOUTH.requirement.rentAtMostQualityDiscountLimit', 1, 'must be true or false (got 1)'],
      ['rotterdamwet.apply', null, 'must be true or false (got null)'],
      ['quotas.freeAllocationRoom.agreedInPrestatieafspraken', 'false', 'must be true or false (got "false")'],
      ['urgency.localCategories', 'MEDICAL', 'must be an array (got "MEDICAL")'],
      ['urgency.localCategories.0', 7, 'must be a string (got 7)'],
      ['rotterdamwet.designatedComplexCodes', null, 'must be an array (got null)'],
      ['rotterdamwet.designatedComplexCodes.0', 12, 'must be a string (got 12)'],
      ['rotterdamwet.refusedIncomeSources', {}, 'must be an array (got an object)'],
      ['quotas.freeAllocationRoom', 750, 'must be an object (got 750)'],
      ['quotas.passendExceptionBasisPoints', '500', 'must be an integer between 0 and 10000 (got "500")'],
      ['localTies.minYears', null, 'must be an integer between 0 and 100 (got null)'],
    ])('%s = %p -> %s', (path, value, reason) => {
      expect(sut(docWith(set(path, value)))).toEqual([p(path, reason)]);
    });
  });

  describe('integers and ranges', () => {
    const BP = 'must be an integer between 0 and 10000';
    const YEARS = 'must be an integer between 0 and 100';
    it.each<[string, unknown, string]>([
      ['quotas.freeAllocationRoom.agreedBasisPoints', 12000, `${BP} (got 12000)`],
      ['quotas.freeAllocationRoom.standardBasisPoints', -1, `${BP} (got -1)`],
      ['quotas.freeAllocationRoom.standardBasisPoints', 7.5, `${BP} (got 7.5)`],
      ['quotas.passendExceptionBasisPoints', 10001, `${BP} (got 10001)`],
      ['localTies.maxShareBasisPoints', 0.5, `${BP} (got 0.5)`],
      ['localTies.minYears', 101, `${YEARS} (got 101)`],
      ['localTies.minYears', -1, `${YEARS} (got -1)`],
      ['rotterdamwet.minYearsInRegion', 6.5, `${YEARS} (got 6.5)`],
      ['labels.SENIOR_55.requirement.minAge', 120, `${YEARS} (got 120)`],
      ['labels.SENIOR_55.fallback.0.minAge', -5, `${YEARS} (got -5)`],
      ['labels.SENIOR_55.fallback.0.minAge', null, `${YEARS} (got null)`],
      ['labels.YOUTH.requirement.belowAge', 22.5, `must be null or an integer between 0 and 100 (got 22.5)`],
      ['labels.YOUTH.requirement.minAge', 101, `must be null or an integer between 0 and 100 (got 101)`],
      ['labels.FAMILY.requirement.minPersons', 0, 'must be an integer of at least 1 (got 0)'],
      ['labels.FAMILY.requirement.minChildren', -1, 'must be an integer of at least 0 (got -1)'],
      ['labels.FAMILY.requirement.minChildren', 1.5, 'must be an integer of at least 0 (got 1.5)'],
      ['roomNorms.0.minPersons', 0, 'must be an integer of at least 1 (got 0)'],
      ['roomNorms.0.minPersons', null, 'must be an integer of at least 1 (got null)'],
      ['roomNorms.3.maxPersons', 0, 'must be null or an integer of at least 1 (got 0)'],
      ['roomNorms.2.minRooms', 0, 'must be null or an integer of at least 1 (got 0)'],
      ['roomNorms.0.maxRooms', 2.5, 'must be null or an integer of at least 1 (got 2.5)'],
      ['roomNorms.0.maxRooms', '3', 'must be null or an integer of at least 1 (got "3")'],
    ])('%s = %p -> %s', (path, value, reason) => {
      expect(sut(docWith(set(path, value)))).toEqual([p(path, reason)]);
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['persons', { minPersons: 3, maxPersons: 2, minRooms: null, maxRooms: null }, 'roomNorms.0.maxPersons', 'must be at least minPersons (3) (got 2)'],
      ['rooms', { minPersons: 1, maxPersons: null, minRooms: 4, maxRooms: 3 }, 'roomNorms.0.maxRooms', 'must be at least minRooms (4) (got 3)'],
    ])('max %s below min', (_, norm, field, reason) => {
      expect(sut(docWith(set('roomNorms.0', norm)))).toEqual([p(field, reason)]);
    });

    it('max below an invalid min is not compared (only the min is reported)', () => {
      expect(sut(docWith(set('roomNorms.0', { minPersons: 0.5, maxPersons: 0, minRooms: null, maxRooms: null })))).toEqual([
        p('roomNorms.0.minPersons', 'must be an integer of at least 1 (got 0.5)'),
        p('roomNorms.0.maxPersons', 'must be null or an integer of at least 1 (got 0)'),
      ]);
    });

    it.each([18, 17])('MAX_AGE belowAge %i not above minAge 18', (belowAge) => {
      expect(sut(docWith(set('labels.YOUTH.requirement.belowAge', belowAge)))).toEqual([
        p('labels.YOUTH.requirement.belowAge', `must be greater than minAge (18) (got ${belowAge})`),
      ]);
    });
  });

  describe('enums', () => {
    it.each<[string, unknown, string]>([
      ['labels.SENIOR_55.requirement.kind', 'MINAGE', 'must be one of MIN_AGE, MAX_AGE, HOUSEHOLD, INDICATION, OPEN (got "MINAGE")'],
      ['labels.SENIOR_65.fallback.1.kind', 'open', 'must be one of MIN_AGE, MAX_AGE, HOUSEHOLD, INDICATION, OPEN (got "open")'],
      ['labels.SENIOR_55.requirement.kind', null, 'must be one of MIN_AGE, MAX_AGE, HOUSEHOLD, INDICATION, OPEN (got null)'],
      ['labels.SENIOR_55.requirement.ageOf', 'PARTNER', 'must be one of APPLICANT, ELDEST_ADULT (got "PARTNER")'],
      ['labels.YOUTH.requirement.ageOf', 1, 'must be one of APPLICANT, ELDEST_ADULT (got 1)'],
      ['labels.WHEELCHAIR.requirement.accessibility', 'NONE', 'must be one of ZERO_STEP, WHEELCHAIR (got "NONE")'],
      ['accessibility.priorityFor.1', 'zero_step', 'must be one of ZERO_STEP, WHEELCHAIR (got "zero_step")'],
      ['accessibility.indicationRequiredFor.0', 'NONE', 'must be one of ZERO_STEP, WHEELCHAIR (got "NONE")'],
      ['localTies.scope', 'PROVINCE', 'must be one of MUNICIPALITY, REGION (got "PROVINCE")'],
      ['localTies.mode', 'BINDING', 'must be one of PRIORITY, EXCLUSIVE (got "BINDING")'],
      ['rotterdamwet.refusedIncomeSources.0', 'WELFARE', 'must be one of WORK, BENEFIT, PENSION, STUDENT, OTHER (got "WELFARE")'],
    ])('%s = %p -> %s', (path, value, reason) => {
      expect(sut(docWith(set(path, value)))).toEqual([p(path, reason)]);
    });

    it('an unknown kind reports only the kind (the other fields depend on it)', () => {
      expect(sut(docWith(set('labels.YOUTH.requirement.kind', 'AGE')))).toEqual([
        p('labels.YOUTH.requirement.kind', 'must be one of MIN_AGE, MAX_AGE, HOUSEHOLD, INDICATION, OPEN (got "AGE")'),
      ]);
    });

    it('changing the kind checks the fields of the new kind', () => {
      expect(sut(docWith(set('labels.SENIOR_55.requirement.kind', 'HOUSEHOLD')))).toEqual([
        p('labels.SENIOR_55.requirement.minPersons', 'is required'),
        p('labels.SENIOR_55.requirement.minChildren', 'is required'),
        p('labels.SENIOR_55.requirement.minAge', 'is not a known field'),
        p('labels.SENIOR_55.requirement.ageOf', 'is not a known field'),
      ]);
    });

    it.each<[string, unknown[], string]>([
      ['accessibility.priorityFor', ['WHEELCHAIR', 'WHEELCHAIR'], 'is a duplicate of accessibility.priorityFor.0 ("WHEELCHAIR")'],
      ['rotterdamwet.refusedIncomeSources', ['BENEFIT', 'BENEFIT'], 'is a duplicate of rotterdamwet.refusedIncomeSources.0 ("BENEFIT")'],
      ['rotterdamwet.designatedComplexCodes', ['C1', 'C1'], 'is a duplicate of rotterdamwet.designatedComplexCodes.0 ("C1")'],
    ])('duplicate in %s', (path, value, reason) => {
      expect(sut(docWith(set(path, value)))).toEqual([p(`${path}.1`, reason)]);
    });

    it('an empty complex code', () => {
      expect(sut(docWith(set('rotterdamwet.designatedComplexCodes', ['C1', ''])))).toEqual([
        p('rotterdamwet.designatedComplexCodes.1', 'must not be empty (got "")'),
      ]);
    });
  });

  describe('label keys', () => {
    it.each(['', '   '])('label key %p is reported on labels', (key) => {
      expect(sut(docWith(set(`labels.${key}`, { requirement: { kind: 'OPEN' }, fallback: [] })))).toEqual([
        p('labels', `label keys must be non-empty (got ${JSON.stringify(key)})`),
      ]);
    });
  });

  describe('urgency categories', () => {
    const LEGAL = '(Huisvestingswet 2014 art. 12 lid 3)';
    it.each<[string, Mutation, { field: string; reason: string }[]]>([
      ['empty local category', set('urgency.localCategories.1', ''), [p('urgency.localCategories.1', 'must not be empty (got "")')]],
      ['blank local category', set('urgency.localCategories.0', '  '), [p('urgency.localCategories.0', 'must not be empty (got "  ")')]],
      ['61-character category', set('urgency.localCategories.2', LONG_61), [p('urgency.localCategories.2', 'must be at most 60 characters (got 61)')]],
      [
        'duplicate local category',
        set('urgency.localCategories.4', 'MEDICAL'),
        [p('urgency.localCategories.4', 'is a duplicate of urgency.localCategories.0 ("MEDICAL")')],
      ],
      [
        'local category repeating a mandatory one',
        set('urgency.localCategories.0', 'INFORMAL_CARE'),
        [p('urgency.localCategories.0', 'is a duplicate of urgency.mandatoryCategories.1 ("INFORMAL_CARE")')],
      ],
      [
        'duplicate mandatory category',
        set('urgency.mandatoryCategories', ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE', 'INFORMAL_CARE']),
        [p('urgency.mandatoryCategories.2', 'is a duplicate of urgency.mandatoryCategories.1 ("INFORMAL_CARE")')],
      ],
      [
        'INFORMAL_CARE missing',
        set('urgency.mandatoryCategories', ['SHELTER_DOMESTIC_VIOLENCE']),
        [p('urgency.mandatoryCategories', `must include "INFORMAL_CARE" ${LEGAL}`)],
      ],
      [
        'SHELTER_DOMESTIC_VIOLENCE moved to the local list',
        (d) => {
          d.urgency.mandatoryCategories = ['INFORMAL_CARE'];
          d.urgency.localCategories.push('SHELTER_DOMESTIC_VIOLENCE');
        },
        [p('urgency.mandatoryCategories', `must include "SHELTER_DOMESTIC_VIOLENCE" ${LEGAL}`)],
      ],
      [
        'both missing',
        set('urgency.mandatoryCategories', []),
        [
          p('urgency.mandatoryCategories', `must include "SHELTER_DOMESTIC_VIOLENCE" ${LEGAL}`),
          p('urgency.mandatoryCategories', `must include "INFORMAL_CARE" ${LEGAL}`),
        ],
      ],
      [
        'mandatory category spelt differently',
        set('urgency.mandatoryCategories', ['SHELTER_DOMESTIC_VIOLENCE', 'informal_care']),
        [p('urgency.mandatoryCategories', `must include "INFORMAL_CARE" ${LEGAL}`)],
      ],
      [
        'a non-string mandatory entry',
        set('urgency.mandatoryCategories', ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE', null]),
        [p('urgency.mandatoryCategories.2', 'must be a string (got null)')],
      ],
    ])('%s', (_, mutate, expected) => {
      expect(sut(docWith(mutate))).toEqual(expected);
    });
  });

  describe('several problems at once', () => {
    it('reports every problem, per object: missing keys, unknown keys, then fields in schema order', () => {
      const doc = docWith((d) => {
        d.id = 'DEFAULT';
        d.roomNorms[1].maxRooms = 0;
        d.labels.SENIOR_55.fallback[1] = { kind: 'OPEN', minAge: 50 };
        d.labels.YOUTH.requirement.ageOf = 'PARENT';
        d.accessibility.priorityFor = ['NONE'];
        d.urgency.mandatoryCategories = ['SHELTER_DOMESTIC_VIOLENCE'];
        d.urgency.localCategories = ['MEDICAL', LONG_61, 'MEDICAL'];
        delete d.localTies.mode;
        d.rotterdamwet.designatedComplexIds = [3];
        d.quotas.freeAllocationRoom.agreedBasisPoints = 12000;
        d.quotas.passendExceptionBasisPoints = 500.5;
      });
      expect(sut(doc)).toEqual([
        p('id', 'is not a known field (it is not part of the document)'),
        p('roomNorms.1.maxRooms', 'must be null or an integer of at least 1 (got 0)'),
        p('labels.SENIOR_55.fallback.1.minAge', 'is not a known field'),
        p('labels.YOUTH.requirement.ageOf', 'must be one of APPLICANT, ELDEST_ADULT (got "PARENT")'),
        p('accessibility.priorityFor.0', 'must be one of ZERO_STEP, WHEELCHAIR (got "NONE")'),
        p('urgency.mandatoryCategories', 'must include "INFORMAL_CARE" (Huisvestingswet 2014 art. 12 lid 3)'),
        p('urgency.localCategories.1', 'must be at most 60 characters (got 61)'),
        p('urgency.localCategories.2', 'is a duplicate of urgency.localCategories.0 ("MEDICAL")'),
        p('localTies.mode', 'is required'),
        p('rotterdamwet.designatedComplexIds', 'is not a known field (use designatedComplexCodes)'),
        p('quotas.freeAllocationRoom.agreedBasisPoints', 'must be an integer between 0 and 10000 (got 12000)'),
        p('quotas.passendExceptionBasisPoints', 'must be an integer between 0 and 10000 (got 500.5)'),
      ]);
    });

    it('every top-level section of the wrong type', () => {
      const doc = { roomNorms: null, labels: 1, accessibility: [], urgency: 'x', localTies: true, rotterdamwet: null, quotas: [] };
      expect(sut(doc)).toEqual([
        p('roomNorms', 'must be an array (got null)'),
        p('labels', 'must be an object keyed by label (got 1)'),
        p('accessibility', 'must be an object (got an array)'),
        p('urgency', 'must be an object (got "x")'),
        p('localTies', 'must be an object (got true)'),
        p('rotterdamwet', 'must be an object (got null)'),
        p('quotas', 'must be an object (got an array)'),
      ]);
    });
  });

  describe('robustness', () => {
    it('does not change its input', () => {
      const doc = docWith(set('labels.YOUTH.requirement.kind', 'AGE'));
      const before = JSON.stringify(doc);
      sut(doc);
      expect(JSON.stringify(doc)).toBe(before);
    });

    it('never throws on arbitrary JSON, at the root or in place of any section', () => {
      const sections = ['roomNorms', 'labels', 'accessibility', 'urgency', 'localTies', 'rotterdamwet', 'quotas'];
      fc.assert(
        fc.property(fc.jsonValue(), fc.constantFrom(...sections), (value, section) => {
          expect(Array.isArray(sut(value))).toBe(true);
          const problems = sut(docWith(set(section, value)));
          expect(problems.every((x) => x.field.startsWith(section) && x.reason.length > 0)).toBe(true);
        }),
      );
    });
  });
});
