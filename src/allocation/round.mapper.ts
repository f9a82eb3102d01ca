import { toQuotaShare } from '../eligibility/eligibility.mapper.js';
import { readStoredPlan } from './stored-plan.js';
import { AllocationRoundEntity } from './allocation.entities.js';
import { AllocationRound } from './graphql/round.type.js';

/** `proposals` is resolved by the resolver (a query of its own). */
export function toAllocationRound(e: AllocationRoundEntity): Omit<AllocationRound, 'proposals'> {
  const plan = e.plan === null ? null : readStoredPlan(e.plan, `Round ${e.id}`);
  const planned = plan?.proposals ?? [];
  const filled = planned.filter((p) => p.chosen !== null).length;
  return {
    id: String(e.id),
    status: e.status,
    vacancyIds: e.vacancyIds.map(String),
    allocationDate: e.allocationDate,
    seed: e.seed,
    timeLimitSeconds: Math.round(e.timeLimitMs / 1000),
    attempts: e.attempts,
    progress: e.progress,
    error: e.error,
    worker: e.worker,
    skipped: e.skipped.map((s) => ({ vacancyId: String(s.vacancyId), reason: s.reason })),
    solverReport: e.solverReport,
    quotaEffects: (plan?.quotas ?? []).map((q) => ({
      scope: q.scopeKey,
      before: q.before.map(toQuotaShare),
      after: q.after.map(toQuotaShare),
      penalty: q.penalty,
    })),
    outcomeTotals: {
      planned: planned.length,
      filled,
      leftEmpty: planned.length - filled,
      plainOrderPassedOver: planned.filter((p) => p.plainOrderPassedOver !== null).length,
      skipped: e.skipped.length,
    },
    vacancyOutcomes: planned.map((p) => ({
      vacancyId: String(p.vacancyId),
      vacancyReference: p.vacancyReference,
      complexReference: p.complexReference,
      route: p.route,
      candidateCount: p.candidateCount,
      filled: p.chosen !== null,
      plainOrderPassedOver: p.plainOrderPassedOver !== null,
    })),
    plan: plan ? JSON.stringify(plan) : null,
    vacancyIdList: e.vacancyIds.map(Number),
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
  };
}
