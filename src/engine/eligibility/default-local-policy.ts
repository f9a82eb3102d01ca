import { LocalPolicy } from './local-policy.js';

/**
 * CONFIGURABLE DEFAULTS, not law. A starting point for a region without its own policy; every value
 * below is a policy choice that a municipality or association may change. Legal figures of a year
 * (income limits, rent caps, youth age, AOW age) are NOT here: they come from RuleParameters.
 * Each default names the law or practice it rests on; docs/domain.md §5 lists them with their basis
 * and marks the ones that are unverified assumptions.
 */
export const DEFAULT_LOCAL_POLICY: LocalPolicy = {
  id: 'DEFAULT',
  name: 'Woonmix default policy (configurable)',
  municipalityCodes: [],
  // Bezettingsnorm (assumption, docs/domain.md §5): at most 3 rooms for 1 person, 4 for 2; "max 4 persons in a 3-room home"
  // (Rotterdam 2004) means 5 or more persons need at least 4 rooms.
  roomNorms: [
    { minPersons: 1, maxPersons: 1, minRooms: null, maxRooms: 3 },
    { minPersons: 2, maxPersons: 2, minRooms: null, maxRooms: 4 },
    { minPersons: 3, maxPersons: 4, minRooms: 2, maxRooms: null },
    { minPersons: 5, maxPersons: null, minRooms: 4, maxRooms: null },
  ],
  labels: {
    // Senior labels on nultredenwoningen with fallback to 50+ and then everyone; "you or your partner" (docs/domain.md §5).
    SENIOR_55: {
      requirement: { kind: 'MIN_AGE', minAge: 55, ageOf: 'ELDEST_ADULT' },
      fallback: [{ kind: 'MIN_AGE', minAge: 50, ageOf: 'ELDEST_ADULT' }, { kind: 'OPEN' }],
    },
    // 65+ priority on labelled homes, as one association gives it (docs/domain.md §5).
    SENIOR_65: {
      requirement: { kind: 'MIN_AGE', minAge: 65, ageOf: 'ELDEST_ADULT' },
      fallback: [{ kind: 'MIN_AGE', minAge: 55, ageOf: 'ELDEST_ADULT' }, { kind: 'OPEN' }],
    },
    // Youth labels 18 to below the year's youth age, for homes up to the kwaliteitskortingsgrens (docs/domain.md §2.1, §5).
    // No source for a youth fallback: none by default.
    YOUTH: {
      requirement: { kind: 'MAX_AGE', belowAge: null, minAge: 18, ageOf: 'APPLICANT', rentAtMostQualityDiscountLimit: true },
      fallback: [],
    },
    // Assumption (docs/domain.md §5): large family homes need a minimum number of persons.
    FAMILY: {
      requirement: { kind: 'HOUSEHOLD', minPersons: 3, minChildren: 1 },
      fallback: [],
    },
    // Indicated households first; regular applicants when nobody qualifies (docs/domain.md §3.2, §5).
    WHEELCHAIR: {
      requirement: { kind: 'INDICATION', accessibility: 'WHEELCHAIR' },
      fallback: [{ kind: 'OPEN' }],
    },
  },
  // Adapted homes go first to households with a municipal (Wmo) or medical indication (docs/domain.md §3.2, §5).
  accessibility: {
    priorityFor: ['WHEELCHAIR', 'ZERO_STEP'],
    indicationRequiredFor: ['WHEELCHAIR'],
    releaseToRegularOnFallback: true,
  },
  urgency: {
    // Huisvestingswet 2014 art. 12 lid 3 (vrouwenopvang; mantelzorg per Wmo 2015 art. 1.1.1).
    mandatoryCategories: ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE'],
    // Huisvestingswet 2014 art. 12 lid 1-2: categories the municipality adds; typical ones (medical, social,
    // herhuisvesting, uitstroom MO/BW; docs/domain.md §5).
    localCategories: ['MEDICAL', 'SOCIAL', 'REHOUSING', 'SHELTER_OUTFLOW', 'SUPPORTED_HOUSING_OUTFLOW'],
  },
  // Huisvestingswet 2014 art. 14: at most 50% with binding priority; social binding from 6 years' residence (docs/domain.md §3.3).
  localTies: { minYears: 6, scope: 'MUNICIPALITY', mode: 'PRIORITY', maxShareBasisPoints: 5000 },
  // Wet bijzondere maatregelen grootstedelijke problematiek art. 8: only in complexes designated by the minister; none by default.
  rotterdamwet: { apply: false, designatedComplexIds: [], refusedIncomeSources: ['BENEFIT'], minYearsInRegion: 6 },
  quotas: {
    // Woningwet art. 48; BTIV 2015 art. 16: vrije toewijzingsruimte 7.5%, 15% only when agreed in the prestatieafspraken.
    freeAllocationRoom: { standardBasisPoints: 750, agreedBasisPoints: 1500, agreedInPrestatieafspraken: false },
    // Woningwet art. 46 lid 2; BTIV 2015 art. 54: at least 95% of passend-covered allocations within the rent cap.
    passendExceptionBasisPoints: 500,
  },
};
