import { TenancyPeriod, overlaps } from './tenancy-overlap.js';

const stored = (start: string, end: string | null): TenancyPeriod => ({ start, end, line: null });
const row = (line: number, start: string, end: string | null): TenancyPeriod => ({ start, end, line });

describe('overlaps', () => {
  it.each([
    ['back to back (next starts the day after the last day)', [stored('2020-01-01', '2024-12-31'), row(2, '2025-01-01', null)], []],
    ['starts on the last day of the previous tenancy', [stored('2020-01-01', '2024-12-31'), row(2, '2024-12-31', null)], [2]],
    ['starts while a stored tenancy runs', [stored('2020-01-01', null), row(2, '2025-01-01', null)], [2]],
    ['history before a running tenancy', [row(2, '2010-01-01', '2019-12-31'), stored('2020-01-01', null)], []],
    ['history that runs into a stored tenancy', [row(2, '2010-01-01', '2020-01-01'), stored('2020-01-01', null)], [2]],
    ['two rows of the same file overlap', [row(2, '2010-01-01', '2015-06-30'), row(3, '2015-01-01', null)], [3]],
    ['a long period swallows a later short one', [row(2, '2010-01-01', '2020-12-31'), row(3, '2012-01-01', '2012-12-31'), row(4, '2021-01-01', null)], [3]],
    ['two stored periods never report', [stored('2010-01-01', null), stored('2011-01-01', null)], []],
  ] as const)('%s', (_case, periods, lines) => {
    expect(overlaps(periods as unknown as TenancyPeriod[]).map((o) => o.line)).toEqual(lines);
  });
});
