import fc from 'fast-check';
import { DEFAULT_LOCAL_POLICY } from './default-local-policy.js';
import { evaluateEligibility } from './evaluate-eligibility.js';
import { LocalPolicy } from './local-policy.js';
import {
  EMPTY_QUOTA_COUNTS,
  PortfolioQuota,
  QuotaCounts,
  QuotaShare,
  addAllocation,
  portfolioQuotaEffect,
  quotaEffect as sut,
  quotaStatus,
} from './portfolio-quotas.js';
import { QUOTA_COUNTER_KEYS, QuotaCounterKey } from './rule-outcome.js';
import { aHousehold, anInput } from './test-fixtures/eligibility-input.builder.js';

const AGREED_15: LocalPolicy = {
  ...DEFAULT_LOCAL_POLICY,
  quotas: { ...DEFAULT_LOCAL_POLICY.quotas, freeAllocationRoom: { ...DEFAULT_LOCAL_POLICY.quotas.freeAllocationRoom, agreedInPrestatieafspraken: true } },
};

function counts(overrides: Partial<QuotaCounts>): QuotaCounts {
  return { ...EMPTY_QUOTA_COUNTS, ...overrides };
}

function shareOf(shares: QuotaShare[], quota: PortfolioQuota): QuotaShare {
  return shares.find((s) => s.quota === quota)!;
}

describe('quotaStatus', () => {
  it('no allocations yet: no share and no verdict on the norm', () => {
    for (const s of quotaStatus(EMPTY_QUOTA_COUNTS, DEFAULT_LOCAL_POLICY)) expect(s).toMatchObject({ denominator: 0, basisPoints: null, meetsNorm: null });
  });

  it.each([
    // DAEB target group >= 92.5% (>= 85% when 15% free room is agreed)
    ['DAEB_TARGET_GROUP', counts({ daebInTargetGroup: 925, daebAboveLimit: 75 }), DEFAULT_LOCAL_POLICY, 9250, true],
    ['DAEB_TARGET_GROUP', counts({ daebInTargetGroup: 924, daebAboveLimit: 76 }), DEFAULT_LOCAL_POLICY, 9240, false],
    ['DAEB_TARGET_GROUP', counts({ daebInTargetGroup: 850, daebAboveLimit: 150 }), AGREED_15, 8500, true],
    ['DAEB_TARGET_GROUP', counts({ daebInTargetGroup: 849, daebAboveLimit: 151 }), AGREED_15, 8490, false],
    // passend >= 95% within the cap
    ['PASSEND_WITHIN_CAP', counts({ passendWithinCap: 19, passendAboveCap: 1 }), DEFAULT_LOCAL_POLICY, 9500, true],
    ['PASSEND_WITHIN_CAP', counts({ passendWithinCap: 18, passendAboveCap: 1 }), DEFAULT_LOCAL_POLICY, 9473, false],
    // local ties <= 50% of all allocations; shown rounded up so a breach never looks compliant
    ['LOCAL_TIES', counts({ allocations: 100, localTiesPriority: 50 }), DEFAULT_LOCAL_POLICY, 5000, true],
    ['LOCAL_TIES', counts({ allocations: 100, localTiesPriority: 51 }), DEFAULT_LOCAL_POLICY, 5100, false],
    ['LOCAL_TIES', counts({ allocations: 20001, localTiesPriority: 10001 }), DEFAULT_LOCAL_POLICY, 5001, false],
  ] as const)('%s with %o -> %i bp, meets norm %s', (quota, c, policy, basisPoints, meets) => {
    expect(shareOf(quotaStatus(c, policy), quota)).toMatchObject({ basisPoints, meetsNorm: meets });
  });

  it('norms come from the policy', () => {
    expect(quotaStatus(EMPTY_QUOTA_COUNTS, DEFAULT_LOCAL_POLICY).map((s) => [s.quota, s.norm.comparison, s.norm.basisPoints])).toEqual([
      ['DAEB_TARGET_GROUP', '>=', 9250],
      ['PASSEND_WITHIN_CAP', '>=', 9500],
      ['LOCAL_TIES', '<=', 5000],
    ]);
    expect(shareOf(quotaStatus(EMPTY_QUOTA_COUNTS, AGREED_15), 'DAEB_TARGET_GROUP').norm.basisPoints).toBe(8500);
  });
});

describe('quotaEffect', () => {
  const atDaebNorm = counts({ allocations: 1000, daebInTargetGroup: 925, daebAboveLimit: 75 });

  it.each([
    ['one more above-limit DAEB allocation at exactly 92.5%', atDaebNorm, ['daebAboveLimit'], [['DAEB_TARGET_GROUP', 'WOULD_BREAK_NORM']]],
    ['one more target-group allocation', atDaebNorm, ['daebInTargetGroup'], []],
    [
      'above-limit allocation when already below',
      counts({ daebInTargetGroup: 90, daebAboveLimit: 10 }),
      ['daebAboveLimit'],
      [['DAEB_TARGET_GROUP', 'ALREADY_OUTSIDE_NORM']],
    ],
    ['target-group allocation when already below: improves, no warning', counts({ daebInTargetGroup: 90, daebAboveLimit: 10 }), ['daebInTargetGroup'], []],
    [
      'passend exception at exactly 95%',
      counts({ passendWithinCap: 19, passendAboveCap: 1 }),
      ['passendAboveCap'],
      [['PASSEND_WITHIN_CAP', 'WOULD_BREAK_NORM']],
    ],
    ['passend exception with room left', counts({ passendWithinCap: 39, passendAboveCap: 1 }), ['passendAboveCap'], []],
    ['local-ties allocation at exactly 50%', counts({ allocations: 10, localTiesPriority: 5 }), ['localTiesPriority'], [['LOCAL_TIES', 'WOULD_BREAK_NORM']]],
    ['allocation without local-ties priority at 50%', counts({ allocations: 10, localTiesPriority: 5 }), [], []],
    ['first above-limit DAEB allocation of the year', EMPTY_QUOTA_COUNTS, ['daebAboveLimit'], [['DAEB_TARGET_GROUP', 'WOULD_BREAK_NORM']]],
  ] as const)('%s -> %j', (_label, c, countsAs, expected) => {
    const effect = sut(c, { countsAs: [...countsAs] }, DEFAULT_LOCAL_POLICY);
    expect(effect.warnings.map((w) => [w.quota, w.kind])).toEqual(expected);
    expect(effect.before).toEqual(quotaStatus(c, DEFAULT_LOCAL_POLICY));
  });

  it('the warning says where the share would end up', () => {
    const [warning] = sut(atDaebNorm, { countsAs: ['daebAboveLimit'] }, DEFAULT_LOCAL_POLICY).warnings;
    expect(warning.message).toBe(
      'This allocation would make the share of social (DAEB) homes let to the DAEB target group 92.4% (925 of 1001); ' +
        'the norm is at least 92.5% (Woningwet art. 48; BTIV 2015 art. 16).',
    );
  });

  it('takes what an allocation counts as from the verdict', () => {
    const verdict = evaluateEligibility(anInput({ household: aHousehold({ taxableIncomeCents: 6_000_000 }) }));
    const effect = sut(atDaebNorm, verdict, DEFAULT_LOCAL_POLICY);
    expect(shareOf(effect.after, 'DAEB_TARGET_GROUP')).toMatchObject({ numerator: 925, denominator: 1001, meetsNorm: false });
    expect(effect.warnings).toHaveLength(1);
    expect(sut(atDaebNorm, verdict, AGREED_15).warnings).toEqual([]);
  });

  it('per association and per municipality; a municipality without allocations starts empty', () => {
    const effect = portfolioQuotaEffect(
      { year: 2026, association: atDaebNorm, municipalities: { GM0200: counts({ daebInTargetGroup: 100 }) } },
      'GM0201',
      { countsAs: ['daebAboveLimit'] },
      DEFAULT_LOCAL_POLICY,
    );
    expect(effect.association.warnings).toHaveLength(1);
    expect(shareOf(effect.municipality.after, 'DAEB_TARGET_GROUP')).toMatchObject({ numerator: 0, denominator: 1 });
  });

  const arbitraryCounts = fc
    .record({ inTg: fc.nat(5000), aboveTg: fc.nat(500), within: fc.nat(5000), above: fc.nat(500), ties: fc.nat(3000), other: fc.nat(3000) })
    .map(({ inTg, aboveTg, within, above, ties, other }) =>
      counts({
        allocations: inTg + aboveTg + ties + other,
        daebInTargetGroup: inTg,
        daebAboveLimit: aboveTg,
        passendWithinCap: within,
        passendAboveCap: above,
        localTiesPriority: ties,
      }),
    );

  it('property: the displayed basis points never contradict the exact integer comparison', () => {
    fc.assert(
      fc.property(arbitraryCounts, fc.boolean(), (c, agreed) => {
        for (const s of quotaStatus(c, agreed ? AGREED_15 : DEFAULT_LOCAL_POLICY)) {
          if (s.basisPoints === null) continue;
          const displayedMeets = s.norm.comparison === '>=' ? s.basisPoints >= s.norm.basisPoints : s.basisPoints <= s.norm.basisPoints;
          expect(displayedMeets).toBe(s.meetsNorm);
        }
      }),
    );
  });

  it('property: only an allocation that uses up a quota can warn about it', () => {
    fc.assert(
      fc.property(arbitraryCounts, fc.subarray([...QUOTA_COUNTER_KEYS]), (c, countsAs: QuotaCounterKey[]) => {
        const consumes = { DAEB_TARGET_GROUP: 'daebAboveLimit', PASSEND_WITHIN_CAP: 'passendAboveCap', LOCAL_TIES: 'localTiesPriority' } as const;
        for (const w of sut(c, { countsAs }, DEFAULT_LOCAL_POLICY).warnings) expect(countsAs).toContain(consumes[w.quota]);
        expect(addAllocation(c, countsAs).allocations).toBe(c.allocations + 1);
      }),
    );
  });
});
