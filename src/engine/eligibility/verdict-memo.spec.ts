import { deepFreeze } from '../common/deep-freeze.js';
import { evaluateEligibilityForPool } from './evaluate-eligibility.js';
import { VerdictMemo } from './verdict-memo.js';
import { aDwelling, aHousehold, anInput, membersOfSize } from './test-fixtures/eligibility-input.builder.js';

const households = [1, 2, 3, 5].map((size, i) => aHousehold({ id: i + 1, members: membersOfSize(size), taxableIncomeCents: 2_000_000 + i * 2_000_000 }));
const shared = anInput({}, 2026);

describe('VerdictMemo', () => {
  it('gives the verdicts evaluateEligibilityForPool gives, on a miss and on a hit', () => {
    const memo = new VerdictMemo(100);
    const expected = evaluateEligibilityForPool(shared, households);
    expect(memo.judgePool(shared, households)).toEqual(expected);
    expect(memo.judgePool(shared, households)).toEqual(expected);
    expect(memo.size).toBe(4);
  });

  const urgentPool = [{ ...households[0], urgency: { category: 'MEDICAL', granted: '2025-01-01', expires: '2026-06-01' } }, ...households.slice(1)];
  it.each([
    ['an income', households, () => [{ ...households[0], taxableIncomeCents: 9_000_000 }, ...households.slice(1)], shared],
    ['the members', households, () => [{ ...households[0], members: membersOfSize(4) }, ...households.slice(1)], shared],
    ['an urgency', households, () => urgentPool, { ...shared, route: 'URGENCY' as const }],
    ['the rent', households, () => households, { ...shared, dwelling: aDwelling({ netRentCents: 150_000 }) }],
    ['the date', urgentPool, () => urgentPool, { ...shared, route: 'URGENCY' as const, allocationDate: '2026-12-31' }],
    // households of 5 need 4 rooms under the default room norms; this dwelling has 3
    [
      'a local-policy figure',
      households,
      () => households,
      { ...shared, policy: { ...shared.policy, roomNorms: shared.policy.roomNorms.map((n) => (n.minPersons === 5 ? { ...n, minRooms: 3 } : n)) } },
    ],
  ])('%s changed: judged afresh, never taken from memory', (_what, first, changedHouseholds, changedShared) => {
    const memo = new VerdictMemo(100);
    const before = memo.judgePool(shared, first);
    const pool = changedHouseholds();
    const expected = evaluateEligibilityForPool(changedShared, pool);
    // the change matters to the verdicts, so a stale answer would show
    expect(expected).not.toEqual(before);
    expect(memo.judgePool(changedShared, pool)).toEqual(expected);
  });

  it('judges deeply frozen facts (shared, cached by the service) as it judges copies, changed ones afresh', () => {
    const memo = new VerdictMemo(100);
    const frozen = households.map((h) => deepFreeze(structuredClone(h)));
    expect(memo.judgePool(shared, frozen)).toEqual(evaluateEligibilityForPool(shared, households));
    expect(memo.judgePool(shared, frozen)).toEqual(evaluateEligibilityForPool(shared, households));
    // a changed household is another frozen object (the cache replaces, never edits)
    const richer = deepFreeze({ ...structuredClone(households[0]), taxableIncomeCents: 9_000_000 });
    const pool = [richer, ...frozen.slice(1)];
    const expected = evaluateEligibilityForPool(shared, pool);
    expect(expected[0]).not.toEqual(evaluateEligibilityForPool(shared, households)[0]);
    expect(memo.judgePool(shared, pool)).toEqual(expected);
  });

  it('hands out frozen verdicts: a caller cannot change what another caller gets', () => {
    const [verdict] = new VerdictMemo(10).judgePool(shared, households);
    expect(Object.isFrozen(verdict) && Object.isFrozen(verdict.countsAs) && Object.isFrozen(verdict.outcomes[0])).toBe(true);
  });

  it('holds at most maxVerdicts, the least recently used shared input going first', () => {
    const memo = new VerdictMemo(6);
    const later = { ...shared, allocationDate: '2026-06-01' };
    memo.judgePool(shared, households); // 4
    memo.judgePool(later, households); // 8 > 6: `shared` goes
    expect(memo.size).toBe(4);
    memo.judgePool(shared, households.slice(0, 2)); // 6
    expect(memo.size).toBe(6);
  });

  it('refuses a shared input JSON cannot hold exactly', () => {
    expect(() => new VerdictMemo(10).judgePool({ ...shared, policy: { ...shared.policy, extra: new Map() } as never }, households)).toThrow(/not plain data/);
  });
});
