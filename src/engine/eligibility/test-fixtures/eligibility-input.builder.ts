import { DwellingFacts, HouseholdFacts, HouseholdMemberFacts, IsoDate, MemberRole } from '../../model.js';
import { DEFAULT_LOCAL_POLICY } from '../default-local-policy.js';
import { EligibilityInput } from '../eligibility-input.js';
import { paramsFor } from './rule-parameters.fixture.js';

/** Test builders for eligibility inputs: sensible defaults, override what the test is about. */
export function member(role: MemberRole, birthDate: IsoDate): HouseholdMemberFacts {
  return { role, birthDate };
}

/** `size` members: an applicant born 1990-06-15, then a partner, then children. */
export function membersOfSize(size: number): HouseholdMemberFacts[] {
  return Array.from({ length: size }, (_, i) =>
    i === 0 ? member('APPLICANT', '1990-06-15') : i === 1 ? member('PARTNER', '1991-03-10') : member('CHILD', `2015-01-0${Math.min(i, 9)}`),
  );
}

export function aHousehold(overrides: Partial<HouseholdFacts> = {}): HouseholdFacts {
  return {
    id: 1,
    reference: 'H-000001',
    members: membersOfSize(1),
    taxableIncomeCents: 2_500_000,
    incomeYear: 2024,
    incomeSource: 'WORK',
    box3AssetsCents: null,
    rankingPoints: null,
    registrationDate: '2018-01-01',
    urgency: null,
    supportNeeds: [],
    localTies: null,
    indication: null,
    offerBlocks: [],
    ...overrides,
  };
}

export function aDwelling(overrides: Partial<DwellingFacts> = {}): DwellingFacts {
  return {
    id: 10,
    complexId: 100,
    rooms: 3,
    floorAreaM2: 60,
    netRentCents: 60_000,
    serviceCostsCents: 3_000,
    isDaeb: true,
    accessibility: 'NONE',
    labels: [],
    ...overrides,
  };
}

/** A regular-route allocation in March of `year` (default 2026) under the default policy. */
export function anInput(overrides: Partial<EligibilityInput> = {}, year = 2026): EligibilityInput {
  return {
    household: aHousehold(),
    dwelling: aDwelling(),
    municipalityCode: 'GM0200',
    route: 'REGULAR',
    allocationDate: `${year}-03-01`,
    params: paramsFor(year),
    policy: DEFAULT_LOCAL_POLICY,
    context: { labelFallbackActive: false, localTiesPriority: false },
    ...overrides,
  };
}
