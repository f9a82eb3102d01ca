import { registerEnumType } from '@nestjs/graphql';
import { SOLVE_STATUSES } from '../../engine/allocation/solver.port.js';

/**
 * Output fields that name one of a fixed set of values are GraphQL enums, so a client can rely on
 * (and generate types for) the set. The values are the engine's and the entities' own.
 */
function outputEnum<const V extends string>(name: string, values: readonly V[], description: string): { [K in V]: K } {
  const e = Object.fromEntries(values.map((v) => [v, v])) as { [K in V]: K };
  registerEnumType(e, { name, description });
  return e;
}

export const ProposalStatusEnum = outputEnum(
  'ProposalStatus',
  ['PROPOSED', 'DECIDED', 'SUPERSEDED'],
  'PROPOSED (the current one), DECIDED (an offer was made) or SUPERSEDED',
);
export const SolveStatusEnum = outputEnum('SolveStatus', SOLVE_STATUSES, 'How the plan was found');
export const OfferStatusEnum = outputEnum(
  'OfferStatus',
  ['PENDING_APPROVAL', 'OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'],
  'PENDING_APPROVAL (four-eyes), OPEN, ACCEPTED, DECLINED or WITHDRAWN',
);
export const OfferDecisionEnum = outputEnum(
  'OfferDecision',
  ['PROPOSED', 'OVERRIDE'],
  "PROPOSED (the proposal's candidate) or OVERRIDE (another household, with a coded reason)",
);
export const PassedOverKindEnum = outputEnum(
  'PassedOverKind',
  ['COMPOSITION_TARGET', 'PORTFOLIO_QUOTA', 'ALLOCATED_ELSEWHERE', 'HARD_RULE', 'JOINT_PLAN', 'PLAN_NOT_PROVEN_BEST'],
  'What the plain-order candidate was passed over for',
);
export const ScorePartKindEnum = outputEnum('ScorePartKind', ['COMPOSITION', 'QUOTA'], 'A composition target or a portfolio quota');
/** States of a background job: rounds and simulations use these (their entities say so by type). */
export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JobStatusEnum = outputEnum('JobStatus', JOB_STATUSES, 'A background job (allocation round, simulation)');
export const ReplayResultEnum = outputEnum(
  'ReplayResult',
  ['IDENTICAL', 'DIFFERENT', 'NOT_REPLAYABLE'],
  'What replaying a proposal from its logged input gave',
);
export const NotChosenOutcomeEnum = outputEnum(
  'NotChosenOutcome',
  ['PROPOSED', 'NOT_A_RESPONDENT', 'NOT_ELIGIBLE', 'DECLINED_BEFORE', 'NOT_A_CANDIDATE', 'RANKED_BELOW', 'OUTSIDE_DISPLACEMENT_BOUND', 'PASSED_OVER'],
  'Why a household did not get the vacancy',
);
export const AccessPurposeEnum = outputEnum('AccessPurpose', ['VACANCY', 'OFFER', 'ADMINISTRATION'], 'Why special-category data was read');
