import { HouseholdEntity } from './household.entity.js';
import { toHousehold, toHouseholdFacts, toHouseholdRow } from './household.mapper.js';

function entity(overrides: Partial<HouseholdEntity> = {}): HouseholdEntity {
  return Object.assign(new HouseholdEntity(), {
    id: 7,
    reference: 'H-7',
    taxableIncomeCents: 3_000_000,
    incomeYear: 2025,
    incomeSource: 'WORK',
    box3AssetsCents: null,
    registrationDate: '2019-01-01',
    urgencyCategory: null,
    urgencyGranted: null,
    urgencyExpires: null,
    supportNeeds: ['MENTAL_HEALTH'],
    localTiesMunicipalityCode: 'GM9001',
    localTiesYears: 8,
    indicationKind: null,
    indicationAccessibility: null,
    preferences: {},
    onWaitingList: true,
    members: [
      { id: 2, householdId: 7, position: 1, role: 'CHILD', birthDate: '2016-01-01' },
      { id: 1, householdId: 7, position: 0, role: 'APPLICANT', birthDate: '1988-01-01' },
    ],
    ...overrides,
  });
}

describe('household mappers', () => {
  it('orders members by position and derives size and type', () => {
    const sut = toHousehold(entity() as HouseholdEntity);
    expect(sut.members.map((m) => m.role)).toEqual(['APPLICANT', 'CHILD']);
    expect(sut).toMatchObject({
      id: '7',
      size: 2,
      householdType: 'SINGLE_PARENT',
      localTies: { municipalityCode: 'GM9001', years: 8 },
      urgency: null,
      indication: null,
    });
    expect(sut.preferences).toEqual({ minRooms: null, maxNetRentCents: null, buurtCodes: [] });
  });

  it('maps urgency and indication only when complete', () => {
    const facts = toHouseholdFacts(
      entity({
        urgencyCategory: 'MEDICAL',
        urgencyGranted: '2026-01-01',
        urgencyExpires: null,
        indicationKind: 'WMO',
        indicationAccessibility: 'WHEELCHAIR',
      }) as HouseholdEntity,
      [{ from: '2026-02-01', until: '2026-07-31', liftRequested: false }],
    );
    expect(facts.offerBlocks).toEqual([{ from: '2026-02-01', until: '2026-07-31', liftRequested: false }]);
    expect(facts.urgency).toEqual({ category: 'MEDICAL', granted: '2026-01-01', expires: null });
    expect(facts.indication).toEqual({ kind: 'WMO', accessibility: 'WHEELCHAIR' });
  });

  it('writes support needs deduplicated and sorted, absent optionals as null', () => {
    const row = toHouseholdRow({
      reference: 'H-8',
      members: [],
      taxableIncomeCents: 1,
      incomeYear: 2025,
      incomeSource: 'OTHER' as never,
      registrationDate: '2020-01-01',
      supportNeeds: ['MENTAL_HEALTH', 'ADDICTION', 'MENTAL_HEALTH'],
      onWaitingList: true,
    });
    expect(row).toMatchObject({ supportNeeds: ['ADDICTION', 'MENTAL_HEALTH'], urgencyCategory: null, box3AssetsCents: null, preferences: {} });
  });
});
