import { countOf } from '../common/format.js';
import { Verdict } from '../eligibility/evaluate-eligibility.js';
import type { WithheldProposal, WithheldTarget } from '../privacy/withhold-plan.js';
import type { CandidateScore } from './explain-plan.js';
import { PreparedAllocation } from './prepare-allocation.js';

/** How a vacancy's respondents became its candidates (recorded with the proposal). */
export interface PoolExclusionFacts {
  respondents: number;
  eligible: number;
  declinedBefore: number;
  holdingAnotherOffer: number;
  byRule: readonly { ruleId: string; count: number; examples: readonly string[] }[];
}

/** An officer's decision on the proposal and what became of it. */
export interface DecisionFacts {
  decision: 'PROPOSED' | 'OVERRIDE';
  householdReference: string;
  status: string;
  reasonCode: string | null;
  reasonText: string | null;
  decidedBy: string | null;
  approvedBy: string | null;
  responseReason: string | null;
}

export interface ProposalRationale {
  sentences: string[];
  /** Places the proposed household stands below the plain-order candidate (0 = the plain order). */
  displacement: number | null;
  /** Targets the plain-order candidate would have pushed further past their bound, or still past it. */
  bindingTargets: WithheldTarget[];
}

/**
 * The rationale of a proposal in plain sentences: who was excluded by which rule (counts and
 * examples), the route's order, the proposed household and its displacement, the plain-order
 * candidate and why it was or was not chosen, the binding targets with their numbers, and the
 * officers' decisions. `name` turns a household reference into what the reader may see
 * (auditors: a pseudonym).
 */
export function proposalRationale(
  // a full proposal, or one without special-category detail (src/engine/privacy/withhold-plan.ts)
  proposal: WithheldProposal,
  exclusions: PoolExclusionFacts | null,
  decisions: readonly DecisionFacts[],
  name: (reference: string) => string,
): ProposalRationale {
  const s: string[] = [];
  if (exclusions) {
    s.push(
      `${countOf(exclusions.respondents, 'household', 'households')} responded to ${proposal.vacancyReference}; ${exclusions.eligible} ${exclusions.eligible === 1 ? 'was' : 'were'} eligible.`,
    );
    for (const r of exclusions.byRule) {
      s.push(`${countOf(r.count, 'household was', 'households were')} excluded by ${r.ruleId} (for example ${r.examples.map(name).join(', ')}).`);
    }
    if (exclusions.declinedBefore)
      s.push(
        `${countOf(exclusions.declinedBefore, 'household', 'households')} had declined an offer for this home before and ${exclusions.declinedBefore === 1 ? 'was' : 'were'} not considered again.`,
      );
    if (exclusions.holdingAnotherOffer)
      s.push(
        `${countOf(exclusions.holdingAnotherOffer, 'household', 'households')} held an open offer for another home and ${exclusions.holdingAnotherOffer === 1 ? 'was' : 'were'} not considered until ${exclusions.holdingAnotherOffer === 1 ? 'it answers' : 'they answer'}.`,
      );
  }
  s.push(`Route ${proposal.route}: ${proposal.routeOrder}.`);
  const chosen = proposal.chosen;
  const displacement = chosen ? chosen.rank - 1 : null;
  if (!chosen) s.push('No household could be proposed.');
  else {
    s.push(
      `Proposed: ${name(chosen.householdReference)}, rank ${chosen.rank} of ${proposal.candidateCount}${displacement ? `, ${countOf(displacement, 'place', 'places')} below the plain order` : ', first in the plain order'}.`,
    );
  }
  const plain = proposal.plainOrderCandidate;
  const passedOver = proposal.plainOrderPassedOver;
  if (plain && chosen && plain.householdId !== chosen.householdId && passedOver) {
    s.push(`The plain-order candidate ${name(plain.householdReference)} (rank ${plain.rank}) was passed over: ${passedOver.summary}`);
  } else if (plain && chosen) {
    s.push(`The plain-order candidate ${name(plain.householdReference)} was proposed.`);
  }
  const reasonRefs = new Set((passedOver?.reasons ?? []).filter((r) => r.kind === 'COMPOSITION_TARGET').map((r) => r.ref));
  const bindingTargets = proposal.composition.filter((t) => reasonRefs.has(t.targetId) || (t.afterThis?.violation ?? 0) > 0);
  for (const t of bindingTargets) s.push(`${t.text}`);
  if (chosen && chosen.countsAs.length) s.push(`This allocation counts towards: ${chosen.countsAs.join(', ')}.`);
  for (const d of decisions) {
    const who = d.decidedBy ?? 'an officer';
    const what =
      d.decision === 'OVERRIDE'
        ? `${who} overrode the proposal and offered the home to ${name(d.householdReference)} (${d.reasonCode}: ${d.reasonText})`
        : `${who} accepted the proposal and offered the home to ${name(d.householdReference)}`;
    const approval = d.approvedBy ? `; ${d.approvedBy} approved it (four-eyes)` : d.status === 'PENDING_APPROVAL' ? '; it awaits a second officer' : '';
    const state = d.status === 'PENDING_APPROVAL' ? '' : `; the offer is ${d.status}${d.responseReason ? ` (${d.responseReason})` : ''}`;
    s.push(`${what}${approval}${state}.`);
  }
  return { sentences: s, displacement, bindingTargets };
}

export type NotChosenOutcome =
  'PROPOSED' | 'NOT_A_RESPONDENT' | 'NOT_ELIGIBLE' | 'DECLINED_BEFORE' | 'NOT_A_CANDIDATE' | 'RANKED_BELOW' | 'OUTSIDE_DISPLACEMENT_BOUND' | 'PASSED_OVER';

export interface NotChosenFacts {
  household: { id: number; reference: string };
  responded: boolean;
  declinedBefore: boolean;
  /** The household judged for the vacancy on the proposal's date (null when it did not respond). */
  verdict: Pick<Verdict, 'eligible' | 'hardFailures' | 'outcomes'> | null;
  /** The proposal's input, prepared again (ranks and windows), or null when not replayable. */
  prepared: PreparedAllocation | null;
  proposal: WithheldProposal;
}

export interface NotChosenAnswer {
  outcome: NotChosenOutcome;
  rank: number | null;
  chosenRank: number | null;
  sentences: string[];
}

/** The answer an association owes a household that asks why it did not get a home. */
export function whyNotChosen(f: NotChosenFacts, name: (reference: string) => string): NotChosenAnswer {
  const p = f.proposal;
  const chosenRank = p.chosen?.rank ?? null;
  const who = name(f.household.reference);
  const home = p.vacancyReference;
  if (p.chosen?.householdId === f.household.id) {
    return { outcome: 'PROPOSED', rank: p.chosen.rank, chosenRank, sentences: [`${who} was proposed for ${home} (rank ${p.chosen.rank}).`] };
  }
  if (!f.responded)
    return { outcome: 'NOT_A_RESPONDENT', rank: null, chosenRank, sentences: [`${who} did not respond to ${home}; only respondents are considered.`] };
  if (f.declinedBefore)
    return {
      outcome: 'DECLINED_BEFORE',
      rank: null,
      chosenRank,
      sentences: [`${who} declined an offer for ${home} before; a household is not offered the same home again.`],
    };
  if (f.verdict && !f.verdict.eligible) {
    const reasons = f.verdict.outcomes.filter((o) => f.verdict!.hardFailures.includes(o.ruleId)).map((o) => `${o.ruleId}: ${o.explanation}`);
    return {
      outcome: 'NOT_ELIGIBLE',
      rank: null,
      chosenRank,
      sentences: [`${who} may not be allocated ${home} under the rules in force on the proposal date:`, ...reasons],
    };
  }
  const vacancy = f.prepared?.vacancies.find((v) => v.id === p.vacancyId);
  const ranked = vacancy?.ranked.find((c) => c.householdId === f.household.id);
  if (!vacancy || !ranked) {
    return {
      outcome: 'NOT_A_CANDIDATE',
      rank: null,
      chosenRank,
      sentences: [`${who} was not among the candidates when the proposal was made: it held an open offer for another home then, or responded later.`],
    };
  }
  const rankText = `${who} was rank ${ranked.rank} of ${vacancy.ranked.length} in the order of route ${p.route} (${p.routeOrder}).`;
  if (chosenRank !== null && ranked.rank > chosenRank) {
    return {
      outcome: 'RANKED_BELOW',
      rank: ranked.rank,
      chosenRank,
      sentences: [
        rankText,
        `The proposed household was rank ${chosenRank}: ${countOf(chosenRank, 'household stood', 'households stood')} ahead of ${who} after those passed over.`,
      ],
    };
  }
  if (ranked.pairIndex === -1) {
    return {
      outcome: 'OUTSIDE_DISPLACEMENT_BOUND',
      rank: ranked.rank,
      chosenRank,
      sentences: [
        rankText,
        'The composition policy lets a proposal reach only a limited distance down the order, and urgent households keep their priority; this rank was outside that window.',
      ],
    };
  }
  const sentences = [rankText];
  if (p.plainOrderCandidate?.householdId === f.household.id && p.plainOrderPassedOver) {
    sentences.push(`${who} was first in the plain order but was passed over: ${p.plainOrderPassedOver.summary}`);
    for (const r of p.plainOrderPassedOver.reasons) sentences.push(r.text);
  } else {
    const alt = p.alternatives.find((a): a is CandidateScore => a.householdId === f.household.id && 'fit' in a);
    if (alt) {
      const costs = alt.fit.filter((part) => part.points < 0).map((part) => `${part.label} (${part.points} points)`);
      if (alt.jointNote) sentences.push(alt.jointNote);
      else
        sentences.push(
          `Proposing ${who} instead would have cost ${alt.costVersusChosen} points against the proposed household${costs.length ? `: ${costs.join('; ')}` : ''}${alt.allocatedElsewhere ? `; the plan gives ${who} ${alt.allocatedElsewhere.vacancyReference} instead` : ''}.`,
        );
    } else {
      sentences.push(
        `Proposing ${who} instead would have weighed worse against the composition targets of the complex than the proposed household (rank ${chosenRank}).`,
      );
    }
  }
  return { outcome: 'PASSED_OVER', rank: ranked.rank, chosenRank, sentences };
}
