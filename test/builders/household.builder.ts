import { HouseholdRow } from '../../src/imports/import-rows.js';

/** Fluent builder for household rows (import and mutation shape). */
export class HouseholdBuilder {
  private constructor(private readonly row: HouseholdRow) {}

  static from(overrides: Partial<HouseholdRow> = {}): HouseholdBuilder {
    return new HouseholdBuilder({
      reference: 'H-T0001',
      members: [{ role: 'APPLICANT', birthDate: '1985-06-15' }],
      taxableIncomeCents: 2_500_000,
      incomeYear: 2025,
      incomeSource: 'WORK',
      registrationDate: '2019-04-01',
      supportNeeds: [],
      onWaitingList: true,
      ...overrides,
    });
  }

  withMember(role: HouseholdRow['members'][number]['role'], birthDate: string): HouseholdBuilder {
    return new HouseholdBuilder({ ...this.row, members: [...this.row.members, { role, birthDate }] });
  }

  with(overrides: Partial<HouseholdRow>): HouseholdBuilder {
    return new HouseholdBuilder({ ...this.row, ...overrides });
  }

  build(): HouseholdRow {
    return structuredClone(this.row);
  }
}
