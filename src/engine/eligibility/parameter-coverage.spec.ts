import { parameterCoverage } from './parameter-coverage.js';

describe('parameterCoverage', () => {
  it.each([
    ['mid-year, all present: no warning', '2026-06-01', [2026], [], [{ year: 2026, present: true }], null],
    ['91 days before New Year: 2027 is not needed yet', '2026-10-01', [2026], [], [{ year: 2026, present: true }], null],
    [
      '61-90 days before: needed, missing, no warning yet',
      '2026-10-15',
      [2026],
      [],
      [
        { year: 2026, present: true },
        { year: 2027, present: false },
      ],
      null,
    ],
    [
      '60 days before: warned',
      '2026-11-02',
      [2026],
      [],
      [
        { year: 2026, present: true },
        { year: 2027, present: false },
      ],
      'No rule parameters for 2027 (needed from 2027-01-01): an admin adds the published limits with addRuleParameterYear before then',
    ],
    [
      'present once added',
      '2026-12-03',
      [2026, 2027],
      [],
      [
        { year: 2026, present: true },
        { year: 2027, present: true },
      ],
      null,
    ],
    [
      'a vacancy later this year needs nothing more',
      '2026-09-01',
      [2026],
      [{ reference: 'VAC-9', availableFrom: '2026-11-20' }],
      [{ year: 2026, present: true }],
      null,
    ],
    [
      'a vacancy beyond the horizon is not counted yet',
      '2026-06-01',
      [2026],
      [{ reference: 'VAC-9', availableFrom: '2027-03-01' }],
      [{ year: 2026, present: true }],
      null,
    ],
  ])('%s', (_name, today, years, vacancies, needed, warning) => {
    const c = parameterCoverage(today, years, vacancies);
    expect(c.needed.map(({ year, present }) => ({ year, present }))).toEqual(needed);
    expect(c.warning).toBe(warning);
  });

  it('names why each year is needed', () => {
    const c = parameterCoverage(
      '2026-12-03',
      [2026],
      [
        { reference: 'VAC-7', availableFrom: '2027-01-10' },
        { reference: 'VAC-8', availableFrom: '2027-09-01' },
      ],
    );
    expect(c.needed[1]).toEqual({
      year: 2027,
      neededFrom: '2027-01-01',
      present: false,
      reasons: ['dates from 2027-01-01 (the next 90 days)', 'vacancy VAC-7 available from 2027-01-10'],
    });
    expect(c.warning).toMatch(/^No rule parameters for 2027 \(needed from 2027-01-01\)/);
  });
});
