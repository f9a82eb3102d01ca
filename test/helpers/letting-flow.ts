import { Clock } from '../../src/common/clock.js';
import { TestApp, asRole } from './test-app.js';

/** The data of a GraphQL answer, or the test fails with its errors. */
export function must<T = any>(answer: { data: T; errors?: any[] }): T {
  if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors, null, 1));
  return answer.data;
}

/** A movable "today" shared by every instance of one test. */
export function movableClock(start: string): Clock & { set(day: string): void } {
  let today = start;
  return { now: () => new Date(`${today}T09:00:00Z`), today: () => today, set: (day) => (today = day) };
}

/** The officer who approves an offer that needs four eyes in these tests. */
export const SECOND_OFFICER = asRole('OFFICER', 'second-officer');

/**
 * Proposes for a vacancy and offers it to the household proposed (approved by a second officer when
 * four eyes are needed): the open offer with the fields asked for.
 */
export async function offerVacancy(sut: TestApp, vacancyId: string, offerFields: string): Promise<any> {
  const proposal = must(await sut.gql(`mutation($v: ID!) { proposeAllocation(vacancyId: $v) { id } }`, { v: vacancyId })).proposeAllocation;
  const offer = must(
    await sut.gql(`mutation($p: ID!) { decideProposal(input: { proposalId: $p, decision: ACCEPT }) { ${offerFields} } }`, { p: proposal.id }),
  ).decideProposal;
  return offer.status === 'PENDING_APPROVAL'
    ? must(await sut.gql(`mutation($o: ID!) { approveOffer(offerId: $o) { ${offerFields} } }`, { o: offer.id }, SECOND_OFFICER)).approveOffer
    : offer;
}
