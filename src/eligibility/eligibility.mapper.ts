import { Verdict } from '../engine/eligibility/evaluate-eligibility.js';
import { QuotaEffect as EngineQuotaEffect, QuotaShare as EngineQuotaShare } from '../engine/eligibility/portfolio-quotas.js';
import { RuleOutcome as EngineRuleOutcome } from '../engine/eligibility/rule-outcome.js';
import { DenialKindEnum, QuotaEffect, QuotaKindEnum, QuotaShare, RuleOutcome, RuleResultEnum } from './graphql/eligibility.type.js';

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function toRuleOutcome(o: EngineRuleOutcome): RuleOutcome {
  return {
    ruleId: o.ruleId,
    reference: o.reference,
    result: o.result as RuleResultEnum,
    denial: (o.denial?.kind ?? null) as DenialKindEnum | null,
    quota: (o.result === 'EXCEPTION' ? o.denial.quota : null) as QuotaKindEnum | null,
    values: o.values.map((v) => ({ name: v.name, value: text(v.value), limit: text(v.limit), comparison: v.comparison, holds: v.holds })),
    explanation: o.explanation,
    priorityTier: o.priorityTier,
  };
}

export function toQuotaShare(s: EngineQuotaShare): QuotaShare {
  return {
    quota: s.quota,
    numerator: s.numerator,
    denominator: s.denominator,
    basisPoints: s.basisPoints,
    normComparison: s.norm.comparison,
    normBasisPoints: s.norm.basisPoints,
    normReference: s.norm.reference,
    meetsNorm: s.meetsNorm,
  };
}

export function toQuotaEffect(scope: string, e: EngineQuotaEffect): QuotaEffect {
  return { scope, before: e.before.map(toQuotaShare), after: e.after.map(toQuotaShare), warnings: e.warnings.map((w) => ({ ...w })) };
}

export function quotaExceptionsOf(v: Verdict) {
  return v.quotaExceptions.map((q) => ({ quota: q.quota as QuotaKindEnum, ruleId: q.ruleId }));
}

/** The highest priority tier any rule gave (0 when none gives one): labels, indications, local ties. */
export function priorityTierOf(v: Verdict): number {
  let tier = 0;
  for (const o of v.outcomes) if (o.priorityTier !== null && o.priorityTier > tier) tier = o.priorityTier;
  return tier;
}
