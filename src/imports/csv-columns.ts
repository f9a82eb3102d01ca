import { FieldProblem } from '../common/domain-error.js';

/** How a CSV cell becomes a typed value; JSON rows arrive typed already. */
export type CellType = 'string' | 'int' | 'number' | 'boolean' | 'list' | 'members' | 'preferences';

export type ColumnSpec = Record<string, CellType>;

export const CSV_COLUMNS = {
  neighbourhoods: {
    buurtCode: 'string',
    name: 'string',
    municipalityCode: 'string',
    municipalityName: 'string',
    resilienceClass: 'int',
    resilienceScore: 'number',
    resilienceSource: 'string',
    resilienceYear: 'int',
  },
  readings: {
    buurtCode: 'string',
    year: 'int',
    source: 'string',
    resilienceClass: 'int',
    resilienceScore: 'number',
    leefbaarometerClass: 'int',
    leefbaarometerScore: 'number',
    dwellingsClass: 'int',
    physicalEnvironmentClass: 'int',
    amenitiesClass: 'int',
    socialCohesionClass: 'int',
    nuisanceClass: 'int',
    dwellingStock: 'int',
  },
  observations: {
    indicatorCode: 'string',
    complexCode: 'string',
    buurtCode: 'string',
    periodStart: 'string',
    periodEnd: 'string',
    count: 'int',
    denominator: 'int',
    source: 'string',
  },
  complexes: { code: 'string', name: 'string', buurtCode: 'string' },
  dwellings: {
    code: 'string',
    complexCode: 'string',
    address: 'string',
    postcode: 'string',
    rooms: 'int',
    floorAreaM2: 'int',
    netRentCents: 'int',
    serviceCostsCents: 'int',
    isDaeb: 'boolean',
    accessibility: 'string',
    labels: 'list',
  },
  households: {
    reference: 'string',
    members: 'members',
    taxableIncomeCents: 'int',
    incomeYear: 'int',
    incomeSource: 'string',
    box3AssetsCents: 'int',
    rankingPoints: 'int',
    registrationDate: 'string',
    urgencyCategory: 'string',
    urgencyGranted: 'string',
    urgencyExpires: 'string',
    supportNeeds: 'list',
    localTiesMunicipalityCode: 'string',
    localTiesYears: 'int',
    indicationKind: 'string',
    indicationAccessibility: 'string',
    preferences: 'preferences',
    onWaitingList: 'boolean',
  },
  tenancies: { householdReference: 'string', dwellingCode: 'string', startDate: 'string', endDate: 'string', allocationRoute: 'string', endReason: 'string' },
  vacancies: {
    reference: 'string',
    dwellingCode: 'string',
    availableFrom: 'string',
    route: 'string',
    status: 'string',
    respondents: 'list',
    labelFallbackActive: 'boolean',
    localTiesPriority: 'boolean',
  },
} satisfies Record<string, ColumnSpec>;

/** Columns that may be left out of a CSV file altogether. */
export const OPTIONAL_CSV_COLUMNS = new Set([
  'resilienceScore',
  'serviceCostsCents',
  'accessibility',
  'labels',
  'box3AssetsCents',
  'rankingPoints',
  'urgencyCategory',
  'urgencyGranted',
  'urgencyExpires',
  'supportNeeds',
  'localTiesMunicipalityCode',
  'localTiesYears',
  'indicationKind',
  'indicationAccessibility',
  'preferences',
  'onWaitingList',
  'endDate',
  'allocationRoute',
  'status',
  'respondents',
  'labelFallbackActive',
  'localTiesPriority',
  // a reading gives what its source gives (at least one class: checked on import)
  'leefbaarometerClass',
  'leefbaarometerScore',
  'dwellingsClass',
  'physicalEnvironmentClass',
  'amenitiesClass',
  'socialCohesionClass',
  'nuisanceClass',
  'resilienceClass',
  'dwellingStock',
  'endReason',
]);

/** Columns optional in one section only: an observation is of a complex or of a buurt (one of the two: checked on import). */
export const OPTIONAL_CSV_COLUMNS_OF: Partial<Record<keyof typeof CSV_COLUMNS, ReadonlySet<string>>> = {
  observations: new Set(['complexCode', 'buurtCode']),
};

/**
 * Converts the string cells of one CSV record. Empty cells are "not given" (left out, so defaults apply).
 * Lists are ';'-separated; members are "ROLE:YYYY-MM-DD;..."; preferences are "minRooms=2;maxNetRentCents=70000;buurtCodes=BU..|BU..".
 */
export function convertCsvRecord(record: Record<string, string>, columns: ColumnSpec): { row: Record<string, unknown>; problems: FieldProblem[] } {
  const row: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const [field, raw] of Object.entries(record)) {
    const type = columns[field];
    if (!type) {
      problems.push({ field, reason: `is not a known column (expected: ${Object.keys(columns).join(', ')})` });
      continue;
    }
    const text = raw.trim();
    if (text === '') continue;
    switch (type) {
      case 'string':
        row[field] = text;
        break;
      case 'int':
        if (/^-?\d+$/.test(text)) row[field] = Number(text);
        else problems.push({ field, reason: `must be a whole number (got "${text}")` });
        break;
      case 'number':
        if (/^-?\d+(\.\d+)?$/.test(text)) row[field] = Number(text);
        else problems.push({ field, reason: `must be a number (got "${text}")` });
        break;
      case 'boolean':
        if (/^(true|false)$/i.test(text)) row[field] = text.toLowerCase() === 'true';
        else problems.push({ field, reason: `must be true or false (got "${text}")` });
        break;
      case 'list':
        row[field] = text
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case 'members':
        row[field] = text.split(';').map((part) => {
          const [role, birthDate] = part.split(':').map((s) => s.trim());
          return { role, birthDate };
        });
        break;
      case 'preferences': {
        const preferences: Record<string, unknown> = {};
        for (const pair of text.split(';')) {
          const [key, value = ''] = pair.split('=').map((s) => s.trim());
          if (key === 'minRooms' || key === 'maxNetRentCents') preferences[key] = /^\d+$/.test(value) ? Number(value) : value;
          else if (key === 'buurtCodes') preferences[key] = value.split('|').filter(Boolean);
          else problems.push({ field, reason: `has unknown key "${key}" (minRooms, maxNetRentCents, buurtCodes)` });
        }
        row[field] = preferences;
        break;
      }
    }
  }
  return { row, problems };
}
