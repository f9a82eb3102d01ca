import type { Language } from '../common/language.js';
import type { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { explainPlan } from './explain-plan.js';
import { prepareAllocation } from './prepare-allocation.js';
import { DecisionFacts, proposalRationale } from './rationale.js';
import { aComplex, aHousehold, aPair, aVacancy, anInput } from './test-fixtures/allocation-input.builder.js';
import { planOf, solvedAs } from './test-fixtures/plan-of.js';

/** One vacancy, household 1 proposed (the plain order), counted towards `countsAs`; the proposal in `language`'s words. */
function proposal(language: Language, countsAs: QuotaCounterKey[] = ['daebInTargetGroup', 'passendWithinCap']) {
  const prepared = prepareAllocation(
    anInput({ households: [aHousehold(1), aHousehold(2)], complexes: [aComplex(1, 5, 10)], vacancies: [aVacancy(1, 1, [aPair(1, { countsAs }), aPair(2)])] }),
  );
  return explainPlan(prepared, solvedAs(prepared, planOf(prepared, [1])), [], language).proposals[0];
}

const decision = (status: string, responseReason: string | null = null): DecisionFacts => ({
  decision: 'PROPOSED',
  householdReference: 'H-000001',
  status,
  reasonCode: null,
  reasonText: null,
  decidedBy: 'test-officer',
  approvedBy: null,
  responseReason,
});

/** The sentence about the officers' decision (the last one). */
const decided = (d: DecisionFacts, language: Language) => proposalRationale(proposal(language), null, [d], (r) => r, language).sentences.at(-1);

describe("proposalRationale: the offer as it stands, in the reader's language", () => {
  // OfferStatus (src/allocation/allocation.entities.ts); English is the record's and stays word for word
  it.each([
    ['OPEN', null, '; the offer is OPEN.', '; de aanbieding staat open.'],
    ['ACCEPTED', null, '; the offer is ACCEPTED.', '; de aanbieding is geaccepteerd.'],
    ['DECLINED', 'too small', '; the offer is DECLINED (too small).', '; de aanbieding is geweigerd (too small).'],
    ['WITHDRAWN', 'approval refused: no', '; the offer is WITHDRAWN (approval refused: no).', '; de aanbieding is ingetrokken (approval refused: no).'],
    ['PENDING_APPROVAL', null, '; it awaits a second officer.', '; het wacht op een tweede woonconsulent.'],
  ])('%s', (status, reason, english, dutch) => {
    expect(decided(decision(status, reason), 'en')).toBe(`test-officer accepted the proposal and offered the home to H-000001${english}`);
    expect(decided(decision(status, reason), 'nl')).toBe(`test-officer nam het voorstel over en bood de woning aan H-000001 aan${dutch}`);
  });

  it('an unknown status is named as it is rather than left out', () => {
    expect(decided(decision('ON_HOLD'), 'nl')).toMatch(/; de aanbieding is ON_HOLD\.$/);
  });
});

describe("proposalRationale: the quota counters an allocation counts towards, in the reader's language", () => {
  it.each([
    [['daebInTargetGroup', 'passendWithinCap'], 'de DAEB-doelgroep, passend toewijzen binnen de aftoppingsgrens'],
    [['daebAboveLimit', 'passendAboveCap'], 'de vrije toewijzingsruimte, de uitzonderingen op passend toewijzen'],
    [['daebInTargetGroup', 'localTiesPriority'], 'de DAEB-doelgroep, voorrang voor lokale binding'],
  ] as [QuotaCounterKey[], string][])('%j', (countsAs, dutch) => {
    const sentence = (language: Language) =>
      proposalRationale(proposal(language, countsAs), null, [], (r) => r, language).sentences.find((s) => /counts towards|telt mee voor/.test(s));
    expect(sentence('en')).toBe(`This allocation counts towards: ${countsAs.join(', ')}.`);
    expect(sentence('nl')).toBe(`Deze toewijzing telt mee voor: ${dutch}.`);
  });
});
