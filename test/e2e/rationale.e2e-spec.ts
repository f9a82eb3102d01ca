import { TestApp, asRole, createCaseApp, expectEveryProposalReplaysIdentical } from '../helpers/test-app.js';

const RATIONALE = `query($p: ID!) { proposalRationale(proposalId: $p) { vacancyReference allocationDate sentences displacement
  bindingTargets { targetId bound basisPoints before { count total } afterThis { count total violation } text }
  exclusions { respondents eligible declinedBefore holdingAnotherOffer byRule { ruleId count examples } }
  decisions { decision householdReference status decidedBy approvedBy } basis { eventSeqs inputHash planHash compositionPolicy parameterYear solver } } }`;
const WHY = `query($h: String!, $v: ID!) { whyNotChosen(householdReference: $h, vacancyId: $v) { householdReference vacancyReference outcome rank chosenRank sentences } }`;

describe('explanations: proposal rationale and why a household was not chosen', () => {
  let sut: TestApp;
  let ids: Record<string, string>;
  let proposalId: string;

  beforeAll(async () => {
    ({ sut, ids } = await createCaseApp());
    proposalId = (await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: ids['VAC-C'] })).data.proposeAllocation.id;
    const offer = await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { id } }`, { p: proposalId });
    await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { id } }`, { o: offer.data.decideProposal.id }, asRole('OFFICER', 'second-officer'));
  });
  afterAll(() => sut.close());

  it('names who was excluded by which rule, the displacement, the binding target with its numbers, and the decision', async () => {
    const { data, errors } = await sut.gql(RATIONALE, { p: proposalId }, asRole('OFFICER'));
    expect(errors).toBeUndefined();
    const r = data.proposalRationale;
    expect(r).toMatchObject({ vacancyReference: 'VAC-C', displacement: 1 });
    expect(r.exclusions).toEqual({
      respondents: 4,
      eligible: 3,
      declinedBefore: 0,
      holdingAnotherOffer: 0,
      byRule: [{ ruleId: 'HOUSEHOLD_SIZE_ROOMS', count: 1, examples: ['X-BIG'] }],
    });
    expect(r.bindingTargets).toEqual([
      expect.objectContaining({ targetId: 'VULNERABLE_MAX', bound: 'MAX', basisPoints: 3000, before: { count: 4, total: 10 } }),
    ]);
    expect(r.sentences).toEqual(
      expect.arrayContaining([
        '4 households responded to VAC-C; 3 were eligible.',
        '1 household was excluded by HOUSEHOLD_SIZE_ROOMS (for example X-BIG).',
        'Proposed: N-1, rank 2 of 3, 1 place below the plain order.',
        expect.stringMatching(/^The plain-order candidate V-1 \(rank 1\) was passed over: .*vulnerable/),
        expect.stringMatching(/30%/),
        'test-officer accepted the proposal and offered the home to N-1; second-officer approved it (four-eyes); the offer is OPEN.',
      ]),
    );
    expect(r.decisions).toEqual([{ decision: 'PROPOSED', householdReference: 'N-1', status: 'OPEN', decidedBy: 'test-officer', approvedBy: 'second-officer' }]);
    expect(r.basis).toMatchObject({ compositionPolicy: 'DEFAULT v1', parameterYear: 2026, solver: 'woonmix-single-vacancy 1' });
    expect(r.basis.inputHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows auditors the same rationale under pseudonyms', async () => {
    const r = (await sut.gql(RATIONALE, { p: proposalId }, asRole('AUDITOR'))).data.proposalRationale;
    const text = JSON.stringify(r);
    for (const ref of ['V-1', 'N-1', 'X-BIG']) expect(text).not.toContain(`"${ref}"`);
    expect(r.exclusions.byRule[0].examples[0]).toMatch(/^PSN-/);
    expect(r.decisions[0].householdReference).toMatch(/^PSN-/);
    expect(r.sentences.join(' ')).not.toMatch(/\b(V-1|N-1|X-BIG)\b/);
  });

  it.each([
    ['V-1', 'PASSED_OVER', 1, /was first in the plain order but was passed over: .*vulnerable/],
    ['N-2', 'RANKED_BELOW', 3, /The proposed household was rank 2/],
    ['X-BIG', 'NOT_ELIGIBLE', null, /HOUSEHOLD_SIZE_ROOMS: /],
    ['T-0', 'NOT_A_RESPONDENT', null, /did not respond to VAC-C/],
    ['N-1', 'PROPOSED', 2, /was proposed for VAC-C \(rank 2\)/],
  ])('why not %s: %s', async (ref, outcome, rank, sentence) => {
    const { data, errors } = await sut.gql(WHY, { h: ref, v: ids['VAC-C'] }, asRole('OFFICER'));
    expect(errors).toBeUndefined();
    expect(data.whyNotChosen).toMatchObject({ householdReference: ref, vacancyReference: 'VAC-C', outcome, rank, chosenRank: 2 });
    expect(data.whyNotChosen.sentences.join(' ')).toMatch(sentence);
  });

  it('answers an auditor who asks by the pseudonym they were shown', async () => {
    const { data } = await sut.gql(
      `query($id: ID!) { proposal(id: $id) { plainOrderCandidate { household { id reference } } } }`,
      { id: proposalId },
      asRole('AUDITOR'),
    );
    const pseudonym = data.proposal.plainOrderCandidate.household.reference;
    expect(data.proposal.plainOrderCandidate.household.id).toBe(pseudonym);
    const why = (await sut.gql(WHY, { h: pseudonym, v: ids['VAC-C'] }, asRole('AUDITOR'))).data.whyNotChosen;
    expect(why).toMatchObject({ householdReference: pseudonym, outcome: 'PASSED_OVER', rank: 1 });
    // the passed-over reason was a target on vulnerability: auditors read that such a target weighed, not the household's share
    expect(why.sentences.join(' ')).toMatch(/special-category data/);
    expect(why.sentences.join(' ')).not.toMatch(/vulnerable/i);
    // an auditor may not name a household by reference or internal id: that would re-identify pseudonyms
    for (const h of ['V-1', ids['V-1']]) {
      const refused = await sut.gql(WHY, { h, v: ids['VAC-C'] }, asRole('AUDITOR'));
      expect(refused.errors![0]).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'householdReference', reason: expect.stringMatching(/pseudonym/) }] },
      });
    }
    const unknown = await sut.gql(WHY, { h: 'NOBODY', v: ids['VAC-C'] }, asRole('OFFICER'));
    expect(unknown.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('replays every proposal made here IDENTICAL from its audit snapshot', async () => {
    expect(await expectEveryProposalReplaysIdentical(sut)).toBeGreaterThan(0);
  });
});
