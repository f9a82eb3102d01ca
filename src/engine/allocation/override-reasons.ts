import type { IncomeSource } from '../model.js';

/**
 * Coded reasons an officer may give for overriding a proposal, and the fact each relies on: an
 * override for a medical fit needs a medical or Wmo indication on file, one for work an income from
 * work. The list is the association's policy (versioned, authored by managers; version 1 is loaded
 * by migrations/1764000000008-need-to-know.ts). A reason whose fact is missing is refused, so a
 * report's count of overrides per reason means what the code says.
 */
export const REQUIRED_FACTS = ['MEDICAL_OR_WMO_INDICATION', 'INCOME_FROM_WORK'] as const;
export type RequiredFact = (typeof REQUIRED_FACTS)[number];

export interface OverrideReason {
  code: string;
  label: string;
  requires: RequiredFact | null;
}

export interface OverrideReasonPolicy {
  version: number;
  reasons: readonly OverrideReason[];
}

export interface ReasonFacts {
  indicationKind: string | null;
  incomeSource: IncomeSource;
}

/** Problems of a list of reasons as a whole (each reason's own fields are checked at the API). */
export function overrideReasonListProblems(reasons: readonly OverrideReason[]): { field: string; reason: string }[] {
  if (reasons.length === 0) return [{ field: 'reasons', reason: 'must list at least one reason' }];
  const seen = new Set<string>();
  return reasons.flatMap((r, i) => {
    if (seen.has(r.code)) return [{ field: `reasons[${i}].code`, reason: `${r.code} is listed twice` }];
    seen.add(r.code);
    return [];
  });
}

/** Why an override with `code` may not be made for a household with these facts, or null when it may. */
export function overrideReasonProblem(policy: OverrideReasonPolicy, code: string, facts: ReasonFacts): { field: string; reason: string } | null {
  const reason = policy.reasons.find((r) => r.code === code);
  if (!reason) return { field: 'reasonCode', reason: `must be one of ${policy.reasons.map((r) => r.code).join(', ')} (override reasons v${policy.version})` };
  if (reason.requires === 'MEDICAL_OR_WMO_INDICATION' && facts.indicationKind === null) {
    return { field: 'reasonCode', reason: `${code} needs a medical or Wmo indication on file for the household, and it has none` };
  }
  if (reason.requires === 'INCOME_FROM_WORK' && facts.incomeSource !== 'WORK') {
    return { field: 'reasonCode', reason: `${code} needs an income from work on file for the household (its income source is ${facts.incomeSource})` };
  }
  return null;
}
