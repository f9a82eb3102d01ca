import { CSV_COLUMNS, convertCsvRecord } from './csv-columns.js';

describe('convertCsvRecord', () => {
  it('converts typed cells and leaves empty cells out', () => {
    const { row, problems } = convertCsvRecord(
      {
        reference: 'H-1',
        members: 'APPLICANT:1980-01-01; CHILD:2015-02-02',
        taxableIncomeCents: '2500000',
        supportNeeds: '',
        preferences: 'minRooms=2;buurtCodes=BU90010001|BU90010002',
        onWaitingList: 'TRUE',
      },
      CSV_COLUMNS.households,
    );
    expect(problems).toEqual([]);
    expect(row).toEqual({
      reference: 'H-1',
      members: [
        { role: 'APPLICANT', birthDate: '1980-01-01' },
        { role: 'CHILD', birthDate: '2015-02-02' },
      ],
      taxableIncomeCents: 2_500_000,
      preferences: { minRooms: 2, buurtCodes: ['BU90010001', 'BU90010002'] },
      onWaitingList: true,
    });
  });

  it.each([
    [{ rooms: '2.5' }, 'rooms', 'must be a whole number (got "2.5")'],
    [{ isDaeb: 'ja' }, 'isDaeb', 'must be true or false (got "ja")'],
    [{ netRentCents: '€650' }, 'netRentCents', 'must be a whole number (got "€650")'],
    [{ colour: 'red' }, 'colour', expect.stringContaining('is not a known column')],
  ])('reports %j', (record, field, reason) => {
    expect(convertCsvRecord(record, CSV_COLUMNS.dwellings).problems).toEqual([{ field, reason }]);
  });
});
