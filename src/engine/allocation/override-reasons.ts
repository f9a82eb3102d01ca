import type { IncomeSource } from '../model.js';

/**
 * Coded reasons an officer may give for overriding a proposal, and the fact each relies on: an
 * override for a medical fit needs a medical or Wmo indication on file, one for work needs an
 * income from work. A reason whose fact is missing is refused, so a report's count of overrides
 * per reason means what the code says. The list is version 1 of the association's override policy.
 */
export type RequiredFact = 'MEDICAL_OR_WMO_INDICATION' | 'INCOME_FROM_WORK' | null;

export interface OverrideReason {
  code: string;
  label: string;
  requires: RequiredFact;
}

export const OVERRIDE_REASON_POLICY_VERSION = 1;

export const OVERRIDE_REASONS: readonly OverrideReason[] = [
  { code: 'MEDICAL_FIT', label: 'The home fits a medical or Wmo indication of the household', requires: 'MEDICAL_OR_WMO_INDICATION' },
  { code: 'WORK', label: 'The household works nearby or needs the home for work (e.g. care or education staff)', requires: 'INCOME_FROM_WORK' },
  { code: 'SOCIAL_MANAGEMENT', label: 'Social management of the complex (agreed with welfare, care or police partners)', requires: null },
  { code: 'DWELLING_FIT', label: 'The home fits the household better (size, floor, layout) than the proposed one', requires: null },
  { code: 'CORRECTION', label: 'The proposal was based on facts that turned out wrong', requires: null },
];

export interface ReasonFacts {
  indicationKind: string | null;
  incomeSource: IncomeSource;
}

/** Why an override with `code` may not be made for a household with these facts, or null when it may. */
export function overrideReasonProblem(code: string, facts: ReasonFacts): { field: string; reason: string } | null {
  const reason = OVERRIDE_REASONS.find((r) => r.code === code);
  if (!reason) return { field: 'reasonCode', reason: `must be one of ${OVERRIDE_REASONS.map((r) => r.code).join(', ')} (override policy v${OVERRIDE_REASON_POLICY_VERSION})` };
  if (reason.requires === 'MEDICAL_OR_WMO_INDICATION' && facts.indicationKind === null) {
    return { field: 'reasonCode', reason: `${code} needs a medical or Wmo indication on file for the household, and it has none` };
  }
  if (reason.requires === 'INCOME_FROM_WORK' && facts.incomeSource !== 'WORK') {
    return { field: 'reasonCode', reason: `${code} needs an income from work on file for the household (its income source is ${facts.incomeSource})` };
  }
  return null;
}
