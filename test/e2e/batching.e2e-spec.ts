import { loadConfig } from '../../src/config/app-config.js';
import { ImportDataset } from '../../src/imports/import-rows.js';
import { ImportsService } from '../../src/imports/imports.service.js';
import { HouseholdBuilder } from '../builders/household.builder.js';
import { TestApp, createTestApp } from '../helpers/test-app.js';

/** 500 vacancies spread over 25 complexes in 5 buurten, each with 3 respondents. */
function manyVacancies(): ImportDataset {
  const buurten = [0, 1, 2, 3, 4].map((i) => `BU9003000${i}`);
  return {
    neighbourhoods: buurten.map((buurtCode, i) => ({
      buurtCode,
      name: `Buurt ${i}`,
      municipalityCode: 'GM9003',
      municipalityName: 'Teststad',
      resilienceClass: 1 + i,
      resilienceSource: 'test',
      resilienceYear: 2024,
    })),
    complexes: Array.from({ length: 25 }, (_, i) => ({ code: `C${i}`, name: `Complex ${i}`, buurtCode: buurten[i % 5] })),
    dwellings: Array.from({ length: 500 }, (_, i) => ({
      code: `D${i}`,
      complexCode: `C${i % 25}`,
      address: `Straat ${i}`,
      postcode: '7311AB',
      rooms: 3,
      floorAreaM2: 60,
      netRentCents: 60_000,
      serviceCostsCents: 0,
      isDaeb: true,
      accessibility: 'NONE' as const,
      labels: [],
    })),
    households: Array.from({ length: 30 }, (_, i) => HouseholdBuilder.from({ reference: `R${i}` }).build()),
    tenancies: [],
    vacancies: Array.from({ length: 500 }, (_, i) => ({
      reference: `V${i}`,
      dwellingCode: `D${i}`,
      availableFrom: '2026-04-01',
      route: 'REGULAR' as const,
      respondents: [`R${i % 30}`, `R${(i + 1) % 30}`, `R${(i + 2) % 30}`],
    })),
  };
}

describe('batched loading (DataLoader)', () => {
  let sut: TestApp;
  beforeAll(async () => {
    // a 500-row page with every respondent is above the default complexity limit (test/e2e/protection);
    // this suite measures batching on it, as an operator who raised QUERY_MAX_COMPLEXITY would run it
    sut = await createTestApp({ queryLimits: { ...loadConfig({ NODE_ENV: 'test' }).queryLimits, maxComplexity: 1_000_000 } });
    expect((await sut.app.get(ImportsService).importDataset(manyVacancies())).errors).toEqual([]);
  });
  afterAll(() => sut.close());

  it('lists 500 vacancies with dwelling, complex, buurt and respondents in a handful of queries', async () => {
    const before = sut.queryCount();
    const { data, errors } = await sut.gql(`{ vacancies(first: 500) { totalCount nodes { reference respondentCount
      dwelling { code currentTenancy { id } complex { code dwellingCount neighbourhood { buurtCode resilienceClass }
        composition(asOf: "2026-03-01") { occupiedCount dimensions { dimension total } } } }
      respondents { household { reference size } } } } }`);
    const queries = sut.queryCount() - before;
    expect(errors).toBeUndefined();
    expect(data.vacancies.nodes).toHaveLength(500);
    expect(data.vacancies.nodes[499]).toMatchObject({
      reference: 'V499',
      respondentCount: 3,
      dwelling: { code: 'D499', complex: { code: 'C24', dwellingCount: 20 } },
    });
    // count + page + one query per batched level (dwelling, tenancy, complex, counts, buurt, respondents, households,
    // and for the 25 compositions: rule parameters, tenancies, their households): constant, whatever the page size
    expect(queries).toBeLessThanOrEqual(16);
  });
});
