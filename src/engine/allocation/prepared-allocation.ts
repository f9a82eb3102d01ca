import { PortfolioQuota } from '../eligibility/portfolio-quotas.js';
import { AllocationRoute, IsoDate } from '../model.js';
import { AllocationInput, QuotaScope } from './allocation-input.js';
import { CompositionPolicy, ResolvedTarget } from './composition-policy.js';
import { RankedCandidate } from './rank-candidates.js';

/**
 * The allocation instance in index form, computed once and shared by every path (MIP model, single-
 * vacancy scoring, greedy baselines, brute force, explanation), so they all price a plan the same way.
 *
 * Objective of a plan (maximised), in points:
 *   sum over chosen pairs (priority + tieBreak) - unfilledPenalty x unfilled vacancies
 *   - sum over side rows weight x violation (households)
 * Side rows compare an integer activity with an integer right-hand side, both in basis-point
 * households (10000 = one household): composition targets per complex and portfolio quotas per scope.
 *
 * Built by prepareAllocation (prepare-allocation.ts) from one step per rule: candidate-window.ts
 * (displacement bound), urgent-protection.ts (urgent households keep their priority), pair-pricing.ts
 * (priority points and tie-break) and side-rows.ts (composition targets and portfolio quotas).
 */

/** 10000 basis points = 100%; also the scale of side-row activities (one household = 10000). */
export const FULL_SHARE = 10_000;

export interface PreparedHousehold {
  index: number;
  id: number;
  reference: string;
  registrationDate: IsoDate;
  /** registrationDate as the number YYYYMMDD, once per household (rank-candidates.ts sorts by it for every vacancy). */
  registrationKey: number;
  rankingPoints: number | null;
  urgent: boolean;
  categories: Readonly<Record<string, string>>;
}

export interface PreparedTarget extends ResolvedTarget {
  /** Current tenants in the target's categories, and all current tenants (the share's base). */
  baseCount: number;
  baseTotal: number;
}

export interface PreparedComplex {
  index: number;
  id: number;
  reference: string;
  resilienceClass: number;
  targets: PreparedTarget[];
}

/** A ranked candidate with its household index and its pair (-1 when outside the displacement bound). */
export type PreparedCandidate = RankedCandidate;

/** Why the candidates below some rank cannot be chosen for a vacancy. */
export interface WindowBound {
  /** Rank of the plain-order plan's household for this vacancy (1 for a single vacancy); null = none left. */
  plainPlanRank: number | null;
  /** Last rank allowed by the displacement bound in places; null = no bound. */
  maxRankByPositions: number | null;
  /** Latest registration date allowed below the plain candidate; null = no bound. */
  latestRegistrationDate: IsoDate | null;
  /** Rank of an urgent household that must keep its priority and can only get this dwelling; null = none. */
  protectedRankCut: number | null;
}

export interface PreparedVacancy {
  index: number;
  id: number;
  reference: string;
  complexIndex: number;
  route: AllocationRoute;
  focus: boolean;
  /** All eligible candidates in plain order. */
  ranked: PreparedCandidate[];
  window: WindowBound;
  /** Pair indices of the candidates that may be chosen, in rank order. */
  pairIndices: number[];
}

export interface PreparedPair {
  index: number;
  vacancyIndex: number;
  householdIndex: number;
  rank: number;
  priority: number;
  tieBreak: number;
  protected: boolean;
  /** Side rows this pair enters, with its coefficient (sorted by row index). */
  sideRows: Int32Array;
  sideCoefs: Float64Array;
}

export type SideRowSpec = { kind: 'COMPOSITION'; complexIndex: number; targetIndex: number } | { kind: 'QUOTA'; scopeIndex: number; quota: PortfolioQuota };

/** A soft (or hard) linear row over pairs: activity sum(coef x) against rhs, in basis-point households. */
export interface SideRow {
  index: number;
  name: string;
  spec: SideRowSpec;
  sense: '<=' | '>=';
  rhs: number;
  basisPoints: number;
  /** Points per household of violation (activity beyond rhs / 10000). */
  weight: number;
  hard: boolean;
  pairs: Int32Array;
  coefs: Float64Array;
}

/** A hard row: nobody ranked below the protected household gets the vacancy unless it is housed. */
export interface ProtectionRow {
  name: string;
  vacancyIndex: number;
  householdIndex: number;
  rank: number;
  /** Pairs of the vacancy ranked below the protected household (+1 each). */
  belowPairs: Int32Array;
  /**
   * The protected household's pairs at OTHER vacancies (-1 each): someone below it may only get this
   * vacancy if it is housed elsewhere. (Its own pair here is exclusive with those below it anyway;
   * leaving it out gives the same integer plans and a tighter LP relaxation.)
   */
  housedPairs: Int32Array;
}

export interface PreparedQuotaScope {
  index: number;
  key: string;
  scope: QuotaScope;
}

export interface PreparedAllocation {
  input: AllocationInput;
  policy: CompositionPolicy;
  households: PreparedHousehold[];
  complexes: PreparedComplex[];
  /** Sorted by id; look-ahead vacancies included. */
  vacancies: PreparedVacancy[];
  /** Choosable pairs, ordered by vacancy then rank (the variable order of the model). */
  pairs: PreparedPair[];
  pairsByHousehold: number[][];
  sideRows: SideRow[];
  protectionRows: ProtectionRow[];
  quotaScopes: PreparedQuotaScope[];
  /** Penalty of side rows no pair can change (complexes whose vacancies have no candidates). */
  constantPenalty: number;
  /** Hard rows no pair can change that are broken already: the plan is infeasible whatever it does. */
  constantInfeasibilities: string[];
  /** The plain-order plan: per vacancy the household index it takes, or -1 (plain-order greedy). */
  plainPlan: Int32Array;
}
