import type { Language } from '../common/language.js';
import { EligibilityInput } from './eligibility-input.js';

export const RULE_RESULTS = ['PASSED', 'FAILED', 'EXCEPTION', 'NOT_APPLICABLE'] as const;
export type RuleResult = (typeof RULE_RESULTS)[number];

/** Annual quotas an allowed exception is charged to. */
export const QUOTA_KINDS = ['DAEB_FREE_ROOM', 'PASSEND_EXCEPTION'] as const;
export type QuotaKind = (typeof QUOTA_KINDS)[number];

export const RULE_IDS = [
  'DAEB_TARGET_GROUP',
  'PASSEND_TOEWIJZEN',
  'DAEB_RENT_CEILING',
  'HOUSEHOLD_SIZE_ROOMS',
  'DWELLING_LABEL',
  'ACCESSIBILITY_INDICATION',
  'URGENCY_VALIDITY',
  'LOCAL_TIES',
  'ROTTERDAMWET_ART8',
  'OFFER_BLOCK',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Portfolio counters one allocation adds to (see portfolio-quotas.ts). */
export const QUOTA_COUNTER_KEYS = ['daebInTargetGroup', 'daebAboveLimit', 'passendWithinCap', 'passendAboveCap', 'localTiesPriority'] as const;
export type QuotaCounterKey = (typeof QUOTA_COUNTER_KEYS)[number];

export type Comparison = '<=' | '<' | '>=' | '>' | '=' | 'in';

/** One comparison a rule made, with the outcome of that comparison. */
export interface ComparedValue {
  name: string;
  value: number | string | null;
  limit: number | string | readonly string[] | null;
  comparison: Comparison;
  holds: boolean;
}

/** Why the answer is "no": a hard ineligibility, or an exception charged to an annual quota. */
export type Denial = { kind: 'HARD_INELIGIBILITY' } | { kind: 'QUOTA_EXCEPTION'; quota: QuotaKind };

interface OutcomeBase {
  ruleId: RuleId;
  reference: string;
  values: ComparedValue[];
  /** A sentence for the tenant, in the language the rule was asked for (English unless asked). */
  explanation: string;
  /** Ranking hint, lower goes first (labels, indications, local ties); null when the rule gives none. */
  priorityTier: number | null;
  /** Portfolio counters this allocation would add to. */
  countsAs: QuotaCounterKey[];
}

export type RuleOutcome =
  | (OutcomeBase & { result: 'PASSED' | 'NOT_APPLICABLE'; denial: null })
  | (OutcomeBase & { result: 'FAILED'; denial: { kind: 'HARD_INELIGIBILITY' } })
  | (OutcomeBase & { result: 'EXCEPTION'; denial: { kind: 'QUOTA_EXCEPTION'; quota: QuotaKind } });

export interface RuleMeta {
  id: RuleId;
  /** Short name used in summaries, e.g. "household size and rooms". */
  title: string;
  /** The same in Dutch, e.g. "gezinsgrootte en kamers". */
  titleNl: string;
  reference: string;
}

/**
 * A rule reads only the part of the input it names (`I`); the registry passes the full input. The
 * language changes the explanation's words only: result, values and counters are the same in each.
 */
export interface EligibilityRule<I = EligibilityInput> extends RuleMeta {
  evaluate(input: I, language?: Language): RuleOutcome;
}

export interface OutcomeExtras {
  priorityTier?: number | null;
  countsAs?: QuotaCounterKey[];
}

// Outcomes are built as plain literals of one shape: a pool of thousands of candidates runs every rule.
export function passed(rule: RuleMeta, explanation: string, values: ComparedValue[] = [], extras: OutcomeExtras = {}): RuleOutcome {
  return {
    ruleId: rule.id,
    reference: rule.reference,
    values,
    explanation,
    priorityTier: extras.priorityTier ?? null,
    countsAs: extras.countsAs ?? [],
    result: 'PASSED',
    denial: null,
  };
}

export function notApplicable(rule: RuleMeta, explanation: string, values: ComparedValue[] = [], extras: OutcomeExtras = {}): RuleOutcome {
  return {
    ruleId: rule.id,
    reference: rule.reference,
    values,
    explanation,
    priorityTier: extras.priorityTier ?? null,
    countsAs: extras.countsAs ?? [],
    result: 'NOT_APPLICABLE',
    denial: null,
  };
}

export function failed(rule: RuleMeta, explanation: string, values: ComparedValue[] = [], extras: OutcomeExtras = {}): RuleOutcome {
  return {
    ruleId: rule.id,
    reference: rule.reference,
    values,
    explanation,
    priorityTier: extras.priorityTier ?? null,
    countsAs: extras.countsAs ?? [],
    result: 'FAILED',
    denial: HARD,
  };
}

export function quotaException(rule: RuleMeta, quota: QuotaKind, explanation: string, values: ComparedValue[] = [], extras: OutcomeExtras = {}): RuleOutcome {
  return {
    ruleId: rule.id,
    reference: rule.reference,
    values,
    explanation,
    priorityTier: extras.priorityTier ?? null,
    countsAs: extras.countsAs ?? [],
    result: 'EXCEPTION',
    denial: { kind: 'QUOTA_EXCEPTION', quota },
  };
}

const HARD = Object.freeze({ kind: 'HARD_INELIGIBILITY' as const });

/** Makes a comparison and records it; numbers are integers (cents, years, counts), strings ISO dates. */
export function compare<T extends number | string>(name: string, value: T, comparison: Exclude<Comparison, 'in'>, limit: T): ComparedValue {
  const holds =
    comparison === '<='
      ? value <= limit
      : comparison === '<'
        ? value < limit
        : comparison === '>='
          ? value >= limit
          : comparison === '>'
            ? value > limit
            : value === limit;
  return { name, value, limit, comparison, holds };
}

export function memberOf(name: string, value: string, allowed: readonly string[]): ComparedValue {
  return { name, value, limit: [...allowed], comparison: 'in', holds: allowed.includes(value) };
}
