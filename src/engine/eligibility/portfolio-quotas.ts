import { formatBasisPoints } from '../common/format.js';
import { LocalPolicy, freeAllocationRoomBasisPoints } from './local-policy.js';
import { QuotaCounterKey } from './rule-outcome.js';

/** Recorded allocations of one year in one scope (the association, or one municipality). */
export interface QuotaCounts {
  /** All allocations in scope: the base of the local-ties share. */
  allocations: number;
  /** DAEB homes to households at or below the DAEB income limit. */
  daebInTargetGroup: number;
  /** DAEB homes to households above it (vrije toewijzingsruimte). */
  daebAboveLimit: number;
  /** Passend-covered households (income at or below the passend limit) with rent within the cap. */
  passendWithinCap: number;
  passendAboveCap: number;
  /** Allocations made with local-ties priority. */
  localTiesPriority: number;
}

export interface PortfolioCounts {
  year: number;
  association: QuotaCounts;
  /** Keyed by GM code. */
  municipalities: Readonly<Record<string, QuotaCounts>>;
}

export const EMPTY_QUOTA_COUNTS: QuotaCounts = {
  allocations: 0,
  daebInTargetGroup: 0,
  daebAboveLimit: 0,
  passendWithinCap: 0,
  passendAboveCap: 0,
  localTiesPriority: 0,
};

export const PORTFOLIO_QUOTAS = ['DAEB_TARGET_GROUP', 'PASSEND_WITHIN_CAP', 'LOCAL_TIES'] as const;
export type PortfolioQuota = (typeof PORTFOLIO_QUOTAS)[number];

/** share >= basisPoints or share <= basisPoints, with 10000 basis points = 100%. */
export interface ShareNorm {
  comparison: '>=' | '<=';
  basisPoints: number;
  reference: string;
}

export interface QuotaShare {
  quota: PortfolioQuota;
  numerator: number;
  denominator: number;
  /** For display: rounded towards the side that breaks the norm; null when the denominator is 0. */
  basisPoints: number | null;
  norm: ShareNorm;
  /** Exact integer comparison; null when nothing has been allocated yet. */
  meetsNorm: boolean | null;
}

export interface QuotaWarning {
  quota: PortfolioQuota;
  kind: 'WOULD_BREAK_NORM' | 'ALREADY_OUTSIDE_NORM';
  message: string;
}

export interface QuotaEffect {
  before: QuotaShare[];
  after: QuotaShare[];
  warnings: QuotaWarning[];
}

const FULL = 10_000;

const QUOTA_TEXT: Record<PortfolioQuota, string> = {
  DAEB_TARGET_GROUP: 'share of social (DAEB) homes let to the DAEB target group',
  PASSEND_WITHIN_CAP: 'share of passend-covered allocations within the rent cap',
  LOCAL_TIES: 'share of allocations with local-ties priority',
};

/** The counter that uses up a quota: an allocation of this kind moves the share towards its norm. */
const CONSUMES: Record<PortfolioQuota, QuotaCounterKey> = {
  DAEB_TARGET_GROUP: 'daebAboveLimit',
  PASSEND_WITHIN_CAP: 'passendAboveCap',
  LOCAL_TIES: 'localTiesPriority',
};

function share(quota: PortfolioQuota, numerator: number, denominator: number, norm: ShareNorm): QuotaShare {
  if (denominator === 0) return { quota, numerator, denominator, basisPoints: null, norm, meetsNorm: null };
  const scaled = numerator * FULL;
  const remainder = scaled % denominator;
  const floor = (scaled - remainder) / denominator; // exact integer division
  const basisPoints = norm.comparison === '>=' || remainder === 0 ? floor : floor + 1;
  const bound = norm.basisPoints * denominator;
  const meetsNorm = norm.comparison === '>=' ? scaled >= bound : scaled <= bound;
  return { quota, numerator, denominator, basisPoints, norm, meetsNorm };
}

/**
 * Shares of one scope against the policy's norms (Woningwet art. 46 lid 2 and 48; BTIV 2015 art. 16
 * and 54; Huisvestingswet 2014 art. 14; docs/domain.md §4).
 */
export function quotaStatus(counts: QuotaCounts, policy: Pick<LocalPolicy, 'quotas' | 'localTies'>): QuotaShare[] {
  return [
    // Woningwet art. 48 / BTIV 2015 art. 16: >= 92.5% (85% when agreed) of DAEB homes to the target group.
    share('DAEB_TARGET_GROUP', counts.daebInTargetGroup, counts.daebInTargetGroup + counts.daebAboveLimit, {
      comparison: '>=',
      basisPoints: FULL - freeAllocationRoomBasisPoints(policy),
      reference: 'Woningwet art. 48; BTIV 2015 art. 16',
    }),
    // Woningwet art. 46 lid 2 / BTIV 2015 art. 54: >= 95% of passend-covered allocations within the cap.
    share('PASSEND_WITHIN_CAP', counts.passendWithinCap, counts.passendWithinCap + counts.passendAboveCap, {
      comparison: '>=',
      basisPoints: FULL - policy.quotas.passendExceptionBasisPoints,
      reference: 'Woningwet art. 46 lid 2; BTIV 2015 art. 54',
    }),
    // Huisvestingswet 2014 art. 14: at most 50% of allocations with binding priority.
    share('LOCAL_TIES', counts.localTiesPriority, counts.allocations, {
      comparison: '<=',
      basisPoints: policy.localTies.maxShareBasisPoints,
      reference: 'Huisvestingswet 2014 art. 14',
    }),
  ];
}

/** Counts after one more allocation that adds to `countsAs`. */
export function addAllocation(counts: QuotaCounts, countsAs: readonly QuotaCounterKey[]): QuotaCounts {
  const next = { ...counts, allocations: counts.allocations + 1 };
  for (const key of countsAs) next[key] += 1;
  return next;
}

/**
 * Shares now and after one more allocation as judged by `verdict` (its `countsAs`), with a warning for
 * every quota this allocation uses up while the share afterwards is outside its norm. The effect is
 * computed even for an ineligible verdict; callers show it only for allocations that can happen.
 */
export function quotaEffect(
  counts: QuotaCounts,
  verdict: { countsAs: readonly QuotaCounterKey[] },
  policy: Pick<LocalPolicy, 'quotas' | 'localTies'>,
): QuotaEffect {
  const before = quotaStatus(counts, policy);
  const after = quotaStatus(addAllocation(counts, verdict.countsAs), policy);
  const warnings = after.flatMap((a, i): QuotaWarning[] => {
    if (a.meetsNorm !== false || !verdict.countsAs.includes(CONSUMES[a.quota])) return [];
    const outside = before[i].meetsNorm === false;
    return [
      {
        quota: a.quota,
        kind: outside ? 'ALREADY_OUTSIDE_NORM' : 'WOULD_BREAK_NORM',
        message:
          `This allocation would make the ${QUOTA_TEXT[a.quota]} ${formatBasisPoints(a.basisPoints ?? 0)} ` +
          `(${a.numerator} of ${a.denominator}); the norm is ${a.norm.comparison === '>=' ? 'at least' : 'at most'} ` +
          `${formatBasisPoints(a.norm.basisPoints)} (${a.norm.reference})${outside ? ' and the share is already outside it' : ''}.`,
      },
    ];
  });
  return { before, after, warnings };
}

/** quotaEffect for the association as a whole and for the municipality of the dwelling. */
export function portfolioQuotaEffect(
  portfolio: PortfolioCounts,
  municipalityCode: string,
  verdict: { countsAs: readonly QuotaCounterKey[] },
  policy: Pick<LocalPolicy, 'quotas' | 'localTies'>,
): { association: QuotaEffect; municipality: QuotaEffect } {
  return {
    association: quotaEffect(portfolio.association, verdict, policy),
    municipality: quotaEffect(portfolio.municipalities[municipalityCode] ?? EMPTY_QUOTA_COUNTS, verdict, policy),
  };
}
