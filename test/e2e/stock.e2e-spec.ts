import { ImportsService } from '../../src/imports/imports.service.js';
import { smallDataset } from '../fixtures/small-dataset.js';
import { TestApp, asRole, createTestApp } from '../helpers/test-app.js';

describe('stock and waiting list over GraphQL', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    const result = await sut.app.get(ImportsService).importDataset(smallDataset());
    expect(result.errors).toEqual([]);
  });
  afterAll(() => sut.close());

  it('lists complexes with neighbourhood, dwelling count and composition', async () => {
    const { data, errors } = await sut.gql(`{
      complexes(first: 10) { totalCount pageInfo { hasNextPage endCursor }
        nodes { code name dwellingCount neighbourhood { buurtCode resilienceClass }
          composition(asOf: "2026-03-01") { asOf parameterYear dwellingCount occupiedCount vacantCount
            dimensions { dimension total categories { category count share } }
            inflow { periodStart count urgentCount urgentShare vulnerableCount vulnerableShare } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.complexes.totalCount).toBe(2);
    const rozenhof = data.complexes.nodes.find((c: any) => c.code === 'CPX-A');
    expect(rozenhof).toMatchObject({ dwellingCount: 4, neighbourhood: { buurtCode: 'BU90010001', resilienceClass: 1 } });
    expect(rozenhof.composition).toMatchObject({ parameterYear: 2026, dwellingCount: 4, occupiedCount: 3, vacantCount: 1 });
    const vulnerability = rozenhof.composition.dimensions.find((d: any) => d.dimension === 'VULNERABILITY');
    expect(vulnerability.categories).toEqual([
      { category: 'VULNERABLE', count: 1, share: 0.3333 },
      { category: 'NOT_VULNERABLE', count: 2, share: 0.6667 },
    ]);
    const source = rozenhof.composition.dimensions.find((d: any) => d.dimension === 'INCOME_SOURCE');
    expect(source.categories.find((c: any) => c.category === 'BENEFIT').count).toBe(1);
    // inflow 2023-03-01..2026-03-01: T-1 (urgent, vulnerable) moved in 2025-05-01
    expect(rozenhof.composition.inflow).toMatchObject({ periodStart: '2023-03-01', count: 1, urgentCount: 1, vulnerableCount: 1 });
  });

  it('shows the composition targets in force for each complex against its mix, small counts hidden from managers', async () => {
    const Q = `{ complexes(first: 10) { nodes { code targets { targetId bound basisPoints source count total shareBasisPoints withinTarget } } } }`;
    const officer = await sut.gql(Q);
    expect(officer.errors).toBeUndefined();
    const targets = officer.data.complexes.nodes.find((c: any) => c.code === 'CPX-A').targets;
    // resilience class 1 (DEFAULT policy): at most 30% vulnerable, at least 40% on work or pension; 1 of 3 vulnerable
    expect(targets.map((t: any) => t.targetId)).toEqual(['VULNERABLE_MAX', 'WORK_OR_PENSION_MIN']);
    expect(targets[0]).toEqual({
      targetId: 'VULNERABLE_MAX',
      bound: 'MAX',
      basisPoints: 3000,
      source: 'RESILIENCE_CLASS_DEFAULT',
      count: 1,
      total: 3,
      shareBasisPoints: 3333,
      withinTarget: false,
    });
    const manager = await sut.gql(Q, {}, asRole('MANAGER'));
    const hidden = manager.data.complexes.nodes.find((c: any) => c.code === 'CPX-A').targets[0];
    expect(hidden).toMatchObject({ count: null, shareBasisPoints: null, total: 3, withinTarget: false });
  });

  it('pages with cursors', async () => {
    const first = await sut.gql(`{ dwellings(first: 4) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`);
    expect(first.data.dwellings.totalCount).toBe(6);
    expect(first.data.dwellings.pageInfo.hasNextPage).toBe(true);
    const second = await sut.gql(`query($after: String) { dwellings(first: 4, after: $after) { pageInfo { hasNextPage } nodes { code } } }`, {
      after: first.data.dwellings.pageInfo.endCursor,
    });
    expect(second.data.dwellings.nodes.map((d: any) => d.code)).toEqual(['B-5', 'B-6']);
    expect(second.data.dwellings.pageInfo.hasNextPage).toBe(false);
  });

  it('filters dwellings that are vacant', async () => {
    const { data } = await sut.gql(`{ dwellings(filter: { vacant: true }) { nodes { code currentTenancy { id } } } }`);
    expect(data.dwellings.nodes.map((d: any) => d.code)).toEqual(['A-4', 'B-6']);
  });

  it('lists vacancies with respondents and their households', async () => {
    const { data, errors } = await sut.gql(`{ vacancies(filter: { status: OPEN }) { nodes { reference route status respondentCount
      dwelling { code complex { code } } respondents { household { reference size urgency { category } } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.vacancies.nodes).toHaveLength(1);
    const vacancy = data.vacancies.nodes[0];
    expect(vacancy).toMatchObject({ reference: 'VAC-1', respondentCount: 3, dwelling: { code: 'A-4', complex: { code: 'CPX-A' } } });
    expect(vacancy.respondents.map((r: any) => r.household.reference).sort()).toEqual(['W-1', 'W-2', 'W-3']);
  });

  it.each([
    ['part of the reference, any case', '{ referenceContains: "ac-1" }', ['VAC-1']],
    ['LIKE characters taken literally', '{ referenceContains: "VAC_1" }', []],
    ['any of several statuses', '{ statusIn: [OPEN, PROPOSED, OFFERED] }', ['VAC-1']],
    ['statuses none has', '{ statusIn: [ALLOCATED, WITHDRAWN] }', []],
  ])('filters vacancies the worklist way: %s', async (_what, filter, expected) => {
    const { data, errors } = await sut.gql(`{ vacancies(filter: ${filter}) { totalCount nodes { reference } } }`);
    expect(errors).toBeUndefined();
    expect(data.vacancies.nodes.map((v: any) => v.reference)).toEqual(expected);
    expect(data.vacancies.totalCount).toBe(expected.length);
  });

  it('filters households on the waiting list', async () => {
    const { data } = await sut.gql(`{ households(filter: { onWaitingList: true, urgent: true }) { totalCount nodes { reference householdType } } }`);
    expect(data.households).toEqual({ totalCount: 1, nodes: [{ reference: 'W-2', householdType: 'SINGLE' }] });
  });
});
