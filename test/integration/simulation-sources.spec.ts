import { SimulationInputBuilder, SimulationRequest } from '../../src/simulation/simulation-input.builder.js';
import { TEST_TODAY, TestApp, createCaseApp } from '../helpers/test-app.js';

/**
 * Where a simulation's acceptance rates come from when none are given: learned from the coded answers
 * to offers (offer records written by the live flow), per vulnerability category: the complex's own
 * vacancies, or the association's where the complex has too few (issue 17).
 */
describe('simulation inputs read from the offer records', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let caseComplex: number;
  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    [{ id: caseComplex }] = await sut.dataSource.query(`SELECT id FROM complex WHERE code = 'CASE'`);
  });
  afterAll(() => sut.close());

  const request = (complexId: number): SimulationRequest => ({
    complexIds: [complexId],
    compositionPolicyIds: [],
    horizonYears: 2,
    runs: 1,
    seed: 1,
    turnover: [],
    respondentsPerVacancy: null,
    applicantMix: null,
    acceptance: null,
  });
  const build = (complexId: number, r = request(complexId)) =>
    sut.dataSource.transaction((m) => sut.app.get(SimulationInputBuilder).build(m, r, complexId, TEST_TODAY));

  /** Past offer records as the live flow leaves them: a decided proposal, then offers answered one by one. */
  async function recordOffers(
    vacancyRef: string,
    answers: readonly (readonly [householdRef: string, status: 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN', refusalCode?: string])[],
  ) {
    const [policy] = await sut.dataSource.query(
      `SELECT (SELECT id FROM composition_policy ORDER BY id LIMIT 1) AS cp, (SELECT id FROM local_policy ORDER BY id LIMIT 1) AS lp`,
    );
    const [proposal] = await sut.dataSource.query(
      `INSERT INTO proposal (vacancy_id, status, allocation_date, seed, composition_policy_id, local_policy_id, parameter_year, solve_status, plan)
       VALUES ($1, 'DECIDED', $2, 1, $3, $4, 2026, 'OPTIMAL', '{}') RETURNING id`,
      [ids[vacancyRef], TEST_TODAY, policy.cp, policy.lp],
    );
    for (const [household, status, refusalCode] of answers) {
      await sut.dataSource.query(
        `INSERT INTO offer (proposal_id, vacancy_id, household_id, decision, status, decided_by, responded_at, refusal_reason_code)
         VALUES ($1, $2, $3, 'PROPOSED', $4, 'test-officer', now(), $5)`,
        [proposal.id, ids[vacancyRef], ids[household], status, refusalCode ?? null],
      );
    }
  }

  it('has no acceptance rates without answered offers: everyone offered accepts, and says so', async () => {
    const { input, sources } = await build(caseComplex);
    expect(input.acceptance).toBeNull();
    expect(sources.acceptance).toEqual({ source: 'NONE', dimension: null, rates: null, basedOn: 0, learned: [] });
  });

  it("reads accepted against declined per category, from the complex's vacancies only, once a category has 10 answered offers", async () => {
    await recordOffers('VAC-C', [
      ...Array.from({ length: 8 }, () => ['N-1', 'DECLINED', 'LOCATION'] as const),
      ...Array.from({ length: 4 }, () => ['N-2', 'DECLINED', 'EXPIRED'] as const),
      ...Array.from({ length: 6 }, () => ['V-1', 'DECLINED', 'MEDICAL'] as const),
      ...Array.from({ length: 3 }, () => ['V-1', 'DECLINED'] as const), // refused before reasons were coded
      ['V-1', 'ACCEPTED'],
      ['N-2', 'WITHDRAWN'], // not answered by the household: not counted
    ]);
    // another complex's offers do not count
    await recordOffers(
      'VAC-P',
      Array.from({ length: 12 }, () => ['N-1', 'DECLINED'] as const),
    );
    const { input, sources } = await build(caseComplex);
    expect(sources.acceptance).toEqual({
      source: 'OFFERS',
      dimension: 'VULNERABILITY',
      rates: { NOT_VULNERABLE: 0, VULNERABLE: 0.1 },
      basedOn: 22,
      learned: [
        { category: 'NOT_VULNERABLE', scope: 'COMPLEX', answered: 12, accepted: 0, refusalsByReason: { EXPIRED: 4, LOCATION: 8 }, rate: 0 },
        { category: 'VULNERABLE', scope: 'COMPLEX', answered: 10, accepted: 1, refusalsByReason: { MEDICAL: 6, UNCODED: 3 }, rate: 0.1 },
      ],
    });
    expect(input.acceptance).toEqual({ dimension: 'VULNERABILITY', rates: { NOT_VULNERABLE: 0, VULNERABLE: 0.1 } });
  });

  it("learns a category's rate from the whole association where the complex has too few answers", async () => {
    // the other complex: 12 of its own answers for NOT_VULNERABLE (previous test), none for VULNERABLE
    const [{ complex_id: otherComplex }] = await sut.dataSource.query(
      `SELECT d.complex_id FROM vacancy v JOIN dwelling d ON d.id = v.dwelling_id WHERE v.id = $1`,
      [ids['VAC-P']],
    );
    const { input, sources } = await build(Number(otherComplex));
    expect(sources.acceptance.learned).toEqual([
      { category: 'NOT_VULNERABLE', scope: 'COMPLEX', answered: 12, accepted: 0, refusalsByReason: { UNCODED: 12 }, rate: 0 },
      { category: 'VULNERABLE', scope: 'ASSOCIATION', answered: 10, accepted: 1, refusalsByReason: { MEDICAL: 6, UNCODED: 3 }, rate: 0.1 },
    ]);
    expect(input.acceptance).toEqual({ dimension: 'VULNERABILITY', rates: { NOT_VULNERABLE: 0, VULNERABLE: 0.1 } });
  });

  it('uses given rates before the records', async () => {
    const given = { ...request(caseComplex), acceptance: { dimension: 'VULNERABILITY' as const, rates: { NOT_VULNERABLE: 0.5 } } };
    const { input, sources } = await build(caseComplex, given);
    expect(sources.acceptance.source).toBe('GIVEN');
    expect(input.acceptance).toEqual({ dimension: 'VULNERABILITY', rates: { NOT_VULNERABLE: 0.5 } });
  });
});
