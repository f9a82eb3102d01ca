import { PlanRunner } from '../../src/allocation/plan-runner.service.js';
import { TestApp, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const PROPOSE = `mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`;

/**
 * A proposal is planned outside any transaction and stored only if what it was planned from still
 * holds (src/allocation/proposals.service.ts, storeIfBasisHolds). Each fact below is changed by
 * another officer while the plan is being solved; the proposal must be planned again.
 */
describe('sound plan checks: a change between reading and storing plans again', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let plans: number;
  let between: (() => Promise<void>) | null = null;

  beforeEach(async () => {
    ({ sut, ids } = await createCaseApp());
    const runner = sut.app.get(PlanRunner);
    const plan = runner.plan.bind(runner);
    plans = 0;
    jest.spyOn(runner, 'plan').mockImplementation(async (...args) => {
      plans += 1;
      const change = between;
      between = null;
      if (change) await change();
      return plan(...args);
    });
  });
  afterEach(() => sut.close());

  const ok = async (query: string, variables: Record<string, unknown>) => {
    const { errors } = await sut.gql(query, variables);
    expect(errors).toBeUndefined();
  };
  const UPDATE = `mutation($id: ID!, $input: UpdateHouseholdInput!) { updateHousehold(id: $id, input: $input) { id } }`;

  it.each([
    ['nothing changed: planned once', async () => undefined, 1],
    ["a respondent's income rises above the DAEB limit", async () => ok(UPDATE, { id: ids['N-2'], input: { taxableIncomeCents: 9_000_000 } }), 2],
    [
      "a respondent's members change (a partner moves in)",
      async () =>
        ok(UPDATE, {
          id: ids['N-2'],
          input: {
            members: [
              { role: 'APPLICANT', birthDate: '1990-01-01' },
              { role: 'PARTNER', birthDate: '1991-01-01' },
            ],
          },
        }),
      2,
    ],
    ['a respondent is granted an urgency', async () => ok(UPDATE, { id: ids['N-2'], input: { urgencyCategory: 'MEDICAL', urgencyGranted: '2026-01-05' } }), 2],
    [
      'a tenancy in the complex ends',
      async () => {
        const [t] = await sut.dataSource.query(
          `SELECT t.id FROM tenancy t JOIN dwelling d ON d.id = t.dwelling_id WHERE d.code = 'C-0' AND t.end_date IS NULL`,
        );
        await ok(`mutation($t: ID!) { endTenancy(input: { tenancyId: $t, endDate: "2026-03-01" }) { id } }`, { t: String(t.id) });
      },
      2,
    ],
    [
      'one response is swapped for another (same count)',
      async () => {
        await ok(`mutation($h: ID!, $v: ID!) { withdrawVacancyResponse(householdId: $h, vacancyId: $v) { id } }`, { h: ids['N-2'], v: ids['VAC-C'] });
        await ok(`mutation($h: ID!, $v: ID!) { respondToVacancy(householdId: $h, vacancyId: $v) { id } }`, { h: ids['Y-1'], v: ids['VAC-C'] });
      },
      2,
    ],
  ])('%s', async (_name, change, expectedPlans) => {
    between = change;
    await ok(PROPOSE, { v: ids['VAC-C'] });
    expect(plans).toBe(expectedPlans);
    // and the stored proposal is what the data says now: its replay from the logged input is identical
    expect(await expectEveryProposalReplaysIdentical(sut)).toBe(1);
  });

  it("does not count rows of other tables: the check reads this vacancy's basis only", async () => {
    // many unrelated rows (other vacancies' responses) do not make it plan again, nor slow the check
    await sut.dataSource.query(`INSERT INTO vacancy_response (vacancy_id, household_id) SELECT v.id, h.id FROM vacancy v, household h
      WHERE v.reference = 'VAC-P' AND h.reference IN ('N-2', 'Y-1') ON CONFLICT DO NOTHING`);
    between = async () =>
      ok(`mutation($h: ID!, $v: ID!) { withdrawVacancyResponse(householdId: $h, vacancyId: $v) { id } }`, { h: ids['Y-1'], v: ids['VAC-P'] });
    await ok(PROPOSE, { v: ids['VAC-C'] });
    expect(plans).toBe(1);
  });
});
