import { countOf } from '../common/format.js';
import type { Language, Phrasebook } from '../common/language.js';
import { Verdict } from '../eligibility/evaluate-eligibility.js';
import type { QuotaCounterKey } from '../eligibility/rule-outcome.js';
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

/** An offer's status (OfferStatus, src/allocation/allocation.entities.ts) after "de aanbieding". */
const OFFER_STATUS_NL: Readonly<Record<string, string>> = {
  PENDING_APPROVAL: 'wacht op een tweede woonconsulent',
  OPEN: 'staat open',
  ACCEPTED: 'is geaccepteerd',
  DECLINED: 'is geweigerd',
  WITHDRAWN: 'is ingetrokken',
};

/** The portfolio counters an allocation adds to (QuotaCounterKey), in Dutch. */
const QUOTA_COUNTER_NL: Readonly<Record<QuotaCounterKey, string>> = {
  daebInTargetGroup: 'de DAEB-doelgroep',
  daebAboveLimit: 'de vrije toewijzingsruimte',
  passendWithinCap: 'passend toewijzen binnen de aftoppingsgrens',
  passendAboveCap: 'de uitzonderingen op passend toewijzen',
  localTiesPriority: 'voorrang voor lokale binding',
};

/** The rationale's words per language (English is the record's; the proposal's own sentences come in the same language). */
const WORDS: Phrasebook<{
  responded: (respondents: number, vacancy: string, eligible: number) => string;
  excludedBy: (count: number, ruleId: string, examples: string) => string;
  declinedBefore: (count: number) => string;
  holdingOffer: (count: number) => string;
  route: (route: string, order: string) => string;
  noneProposed: string;
  proposed: (who: string, rank: number, of: number, displacement: number | null) => string;
  plainPassedOver: (who: string, rank: number, summary: string) => string;
  plainProposed: (who: string) => string;
  countsTowards: (counters: readonly QuotaCounterKey[]) => string;
  anOfficer: string;
  overrode: (who: string, household: string, code: string | null, text: string | null) => string;
  accepted: (who: string, household: string) => string;
  approved: (by: string) => string;
  awaitsSecond: string;
  offerIs: (status: string, reason: string | null) => string;
  wasProposed: (who: string, home: string, rank: number) => string;
  didNotRespond: (who: string, home: string) => string;
  declinedThisBefore: (who: string, home: string) => string;
  notEligible: (who: string, home: string) => string;
  notACandidate: (who: string) => string;
  rankInOrder: (who: string, rank: number, of: number, route: string, order: string) => string;
  rankedBelow: (chosenRank: number, who: string) => string;
  outsideWindow: string;
  firstButPassedOver: (who: string, summary: string) => string;
  wouldHaveCost: (who: string, points: number, costs: readonly string[], elsewhere: string | null) => string;
  costPart: (label: string, points: number) => string;
  weighedWorse: (who: string, chosenRank: number | null) => string;
  noProposalYet: (vacancy: string) => string;
}> = {
  en: {
    responded: (n, vacancy, eligible) =>
      `${countOf(n, 'household', 'households')} responded to ${vacancy}; ${eligible} ${eligible === 1 ? 'was' : 'were'} eligible.`,
    excludedBy: (n, ruleId, examples) => `${countOf(n, 'household was', 'households were')} excluded by ${ruleId} (for example ${examples}).`,
    declinedBefore: (n) =>
      `${countOf(n, 'household', 'households')} had declined an offer for this home before and ${n === 1 ? 'was' : 'were'} not considered again.`,
    holdingOffer: (n) =>
      `${countOf(n, 'household', 'households')} held an open offer for another home and ${n === 1 ? 'was' : 'were'} not considered until ${n === 1 ? 'it answers' : 'they answer'}.`,
    route: (route, order) => `Route ${route}: ${order}.`,
    noneProposed: 'No household could be proposed.',
    proposed: (who, rank, of, displacement) =>
      `Proposed: ${who}, rank ${rank} of ${of}${displacement ? `, ${countOf(displacement, 'place', 'places')} below the plain order` : ', first in the plain order'}.`,
    plainPassedOver: (who, rank, summary) => `The plain-order candidate ${who} (rank ${rank}) was passed over: ${summary}`,
    plainProposed: (who) => `The plain-order candidate ${who} was proposed.`,
    countsTowards: (counters) => `This allocation counts towards: ${counters.join(', ')}.`,
    anOfficer: 'an officer',
    overrode: (who, household, code, text) => `${who} overrode the proposal and offered the home to ${household} (${code}: ${text})`,
    accepted: (who, household) => `${who} accepted the proposal and offered the home to ${household}`,
    approved: (by) => `; ${by} approved it (four-eyes)`,
    awaitsSecond: '; it awaits a second officer',
    offerIs: (status, reason) => `; the offer is ${status}${reason ? ` (${reason})` : ''}`,
    wasProposed: (who, home, rank) => `${who} was proposed for ${home} (rank ${rank}).`,
    didNotRespond: (who, home) => `${who} did not respond to ${home}; only respondents are considered.`,
    declinedThisBefore: (who, home) => `${who} declined an offer for ${home} before; a household is not offered the same home again.`,
    notEligible: (who, home) => `${who} may not be allocated ${home} under the rules in force on the proposal date:`,
    notACandidate: (who) => `${who} was not among the candidates when the proposal was made: it held an open offer for another home then, or responded later.`,
    rankInOrder: (who, rank, of, route, order) => `${who} was rank ${rank} of ${of} in the order of route ${route} (${order}).`,
    rankedBelow: (chosenRank, who) =>
      `The proposed household was rank ${chosenRank}: ${countOf(chosenRank, 'household stood', 'households stood')} ahead of ${who} after those passed over.`,
    outsideWindow:
      'The composition policy lets a proposal reach only a limited distance down the order, and urgent households keep their priority; this rank was outside that window.',
    firstButPassedOver: (who, summary) => `${who} was first in the plain order but was passed over: ${summary}`,
    wouldHaveCost: (who, points, costs, elsewhere) =>
      `Proposing ${who} instead would have cost ${points} points against the proposed household${costs.length ? `: ${costs.join('; ')}` : ''}${elsewhere ? `; the plan gives ${who} ${elsewhere} instead` : ''}.`,
    costPart: (label, points) => `${label} (${points} points)`,
    weighedWorse: (who, chosenRank) =>
      `Proposing ${who} instead would have weighed worse against the composition targets of the complex than the proposed household (rank ${chosenRank}).`,
    noProposalYet: (vacancy) => `No proposal has been made for ${vacancy} yet.`,
  },
  nl: {
    responded: (n, vacancy, eligible) =>
      `${n} ${n === 1 ? 'huishouden reageerde' : 'huishoudens reageerden'} op ${vacancy}; ${eligible} ${eligible === 1 ? 'kwam' : 'kwamen'} in aanmerking.`,
    excludedBy: (n, ruleId, examples) => `${n} ${n === 1 ? 'huishouden werd' : 'huishoudens werden'} uitgesloten door ${ruleId} (bijvoorbeeld ${examples}).`,
    declinedBefore: (n) =>
      `${n} ${n === 1 ? 'huishouden had' : 'huishoudens hadden'} eerder een aanbieding voor deze woning geweigerd en ${n === 1 ? 'telde' : 'telden'} niet opnieuw mee.`,
    holdingOffer: (n) =>
      `${n} ${n === 1 ? 'huishouden had' : 'huishoudens hadden'} een openstaande aanbieding voor een andere woning en ${n === 1 ? 'telt' : 'tellen'} niet mee tot ${n === 1 ? 'het heeft' : 'ze hebben'} geantwoord.`,
    route: (route, order) => `Route ${route}: ${order}.`,
    noneProposed: 'Er kon geen huishouden worden voorgesteld.',
    proposed: (who, rank, of, displacement) =>
      `Voorgesteld: ${who}, plaats ${rank} van ${of}${displacement ? `, ${displacement === 1 ? '1 plaats' : `${displacement} plaatsen`} onder de gewone volgorde` : ', de eerste op volgorde'}.`,
    plainPassedOver: (who, rank, summary) => `De eerste op volgorde, ${who} (plaats ${rank}), is overgeslagen: ${summary}`,
    plainProposed: (who) => `De eerste op volgorde, ${who}, is voorgesteld.`,
    countsTowards: (counters) => `Deze toewijzing telt mee voor: ${counters.map((c) => QUOTA_COUNTER_NL[c]).join(', ')}.`,
    anOfficer: 'een woonconsulent',
    overrode: (who, household, code, text) => `${who} week af van het voorstel en bood de woning aan ${household} aan (${code}: ${text})`,
    accepted: (who, household) => `${who} nam het voorstel over en bood de woning aan ${household} aan`,
    approved: (by) => `; ${by} keurde het goed (vier ogen)`,
    awaitsSecond: '; het wacht op een tweede woonconsulent',
    offerIs: (status, reason) => `; de aanbieding ${OFFER_STATUS_NL[status] ?? `is ${status}`}${reason ? ` (${reason})` : ''}`,
    wasProposed: (who, home, rank) => `${who} is voorgesteld voor ${home} (plaats ${rank}).`,
    didNotRespond: (who, home) => `${who} heeft niet gereageerd op ${home}; alleen huishoudens die reageerden tellen mee.`,
    declinedThisBefore: (who, home) =>
      `${who} heeft eerder een aanbieding voor ${home} geweigerd; een huishouden krijgt dezelfde woning niet opnieuw aangeboden.`,
    notEligible: (who, home) => `${who} mag ${home} niet worden toegewezen volgens de regels die golden op de datum van het voorstel:`,
    notACandidate: (who) =>
      `${who} was geen kandidaat toen het voorstel werd gemaakt: het had toen een openstaande aanbieding voor een andere woning, of reageerde later.`,
    rankInOrder: (who, rank, of, route, order) => `${who} stond op plaats ${rank} van ${of} in de volgorde van route ${route} (${order}).`,
    rankedBelow: (chosenRank, who) =>
      `Het voorgestelde huishouden stond op plaats ${chosenRank}: ${chosenRank === 1 ? 'er stond 1 huishouden' : `er stonden ${chosenRank} huishoudens`} voor ${who}, na de overgeslagen huishoudens.`,
    outsideWindow:
      'Het samenstellingsbeleid laat een voorstel maar een beperkt aantal plaatsen van de volgorde afwijken, en urgenten houden hun voorrang; deze plaats viel daarbuiten.',
    firstButPassedOver: (who, summary) => `${who} was de eerste op volgorde, maar is overgeslagen: ${summary}`,
    wouldHaveCost: (who, points, costs, elsewhere) =>
      `${who} voorstellen had ${String(points).replace('.', ',')} punten gekost ten opzichte van het voorgestelde huishouden${costs.length ? `: ${costs.join('; ')}` : ''}${elsewhere ? `; het plan geeft ${who} in plaats daarvan ${elsewhere}` : ''}.`,
    costPart: (label, points) => `${label} (${String(points).replace('.', ',')} punten)`,
    weighedWorse: (who, chosenRank) =>
      `${who} voorstellen had slechter uitgepakt voor de samenstellingsdoelen van het complex dan het voorgestelde huishouden (plaats ${chosenRank}).`,
    noProposalYet: (vacancy) => `Er is nog geen voorstel gemaakt voor ${vacancy}.`,
  },
};

/** "No proposal has been made for VAC-1 yet", in the reader's language. */
export function noProposalYet(vacancy: string, language: Language = 'en'): string {
  return WORDS[language].noProposalYet(vacancy);
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
  language: Language = 'en',
): ProposalRationale {
  const say = WORDS[language];
  const s: string[] = [];
  if (exclusions) {
    s.push(say.responded(exclusions.respondents, proposal.vacancyReference, exclusions.eligible));
    for (const r of exclusions.byRule) s.push(say.excludedBy(r.count, r.ruleId, r.examples.map(name).join(', ')));
    if (exclusions.declinedBefore) s.push(say.declinedBefore(exclusions.declinedBefore));
    if (exclusions.holdingAnotherOffer) s.push(say.holdingOffer(exclusions.holdingAnotherOffer));
  }
  s.push(say.route(proposal.route, proposal.routeOrder));
  const chosen = proposal.chosen;
  const displacement = chosen ? chosen.rank - 1 : null;
  if (!chosen) s.push(say.noneProposed);
  else s.push(say.proposed(name(chosen.householdReference), chosen.rank, proposal.candidateCount, displacement));
  const plain = proposal.plainOrderCandidate;
  const passedOver = proposal.plainOrderPassedOver;
  if (plain && chosen && plain.householdId !== chosen.householdId && passedOver) {
    s.push(say.plainPassedOver(name(plain.householdReference), plain.rank, passedOver.summary));
  } else if (plain && chosen) {
    s.push(say.plainProposed(name(plain.householdReference)));
  }
  const reasonRefs = new Set((passedOver?.reasons ?? []).filter((r) => r.kind === 'COMPOSITION_TARGET').map((r) => r.ref));
  const bindingTargets = proposal.composition.filter((t) => reasonRefs.has(t.targetId) || (t.afterThis?.violation ?? 0) > 0);
  for (const t of bindingTargets) s.push(`${t.text}`);
  if (chosen && chosen.countsAs.length) s.push(say.countsTowards(chosen.countsAs));
  for (const d of decisions) {
    const who = d.decidedBy ?? say.anOfficer;
    const what =
      d.decision === 'OVERRIDE' ? say.overrode(who, name(d.householdReference), d.reasonCode, d.reasonText) : say.accepted(who, name(d.householdReference));
    const approval = d.approvedBy ? say.approved(d.approvedBy) : d.status === 'PENDING_APPROVAL' ? say.awaitsSecond : '';
    const state = d.status === 'PENDING_APPROVAL' ? '' : say.offerIs(d.status, d.responseReason);
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
export function whyNotChosen(f: NotChosenFacts, name: (reference: string) => string, language: Language = 'en'): NotChosenAnswer {
  const say = WORDS[language];
  const p = f.proposal;
  const chosenRank = p.chosen?.rank ?? null;
  const who = name(f.household.reference);
  const home = p.vacancyReference;
  if (p.chosen?.householdId === f.household.id) {
    return { outcome: 'PROPOSED', rank: p.chosen.rank, chosenRank, sentences: [say.wasProposed(who, home, p.chosen.rank)] };
  }
  if (!f.responded) return { outcome: 'NOT_A_RESPONDENT', rank: null, chosenRank, sentences: [say.didNotRespond(who, home)] };
  if (f.declinedBefore)
    return {
      outcome: 'DECLINED_BEFORE',
      rank: null,
      chosenRank,
      sentences: [say.declinedThisBefore(who, home)],
    };
  if (f.verdict && !f.verdict.eligible) {
    const reasons = f.verdict.outcomes.filter((o) => f.verdict!.hardFailures.includes(o.ruleId)).map((o) => `${o.ruleId}: ${o.explanation}`);
    return {
      outcome: 'NOT_ELIGIBLE',
      rank: null,
      chosenRank,
      sentences: [say.notEligible(who, home), ...reasons],
    };
  }
  const vacancy = f.prepared?.vacancies.find((v) => v.id === p.vacancyId);
  const ranked = vacancy?.ranked.find((c) => c.householdId === f.household.id);
  if (!vacancy || !ranked) {
    return {
      outcome: 'NOT_A_CANDIDATE',
      rank: null,
      chosenRank,
      sentences: [say.notACandidate(who)],
    };
  }
  const rankText = say.rankInOrder(who, ranked.rank, vacancy.ranked.length, p.route, p.routeOrder);
  if (chosenRank !== null && ranked.rank > chosenRank) {
    return {
      outcome: 'RANKED_BELOW',
      rank: ranked.rank,
      chosenRank,
      sentences: [rankText, say.rankedBelow(chosenRank, who)],
    };
  }
  if (ranked.pairIndex === -1) {
    return {
      outcome: 'OUTSIDE_DISPLACEMENT_BOUND',
      rank: ranked.rank,
      chosenRank,
      sentences: [rankText, say.outsideWindow],
    };
  }
  const sentences = [rankText];
  if (p.plainOrderCandidate?.householdId === f.household.id && p.plainOrderPassedOver) {
    sentences.push(say.firstButPassedOver(who, p.plainOrderPassedOver.summary));
    for (const r of p.plainOrderPassedOver.reasons) sentences.push(r.text);
  } else {
    const alt = p.alternatives.find((a): a is CandidateScore => a.householdId === f.household.id && 'fit' in a);
    if (alt) {
      const costs = alt.fit.filter((part) => part.points < 0).map((part) => say.costPart(part.label, part.points));
      if (alt.jointNote) sentences.push(alt.jointNote);
      else sentences.push(say.wouldHaveCost(who, alt.costVersusChosen, costs, alt.allocatedElsewhere?.vacancyReference ?? null));
    } else {
      sentences.push(say.weighedWorse(who, chosenRank));
    }
  }
  return { outcome: 'PASSED_OVER', rank: ranked.rank, chosenRank, sentences };
}
