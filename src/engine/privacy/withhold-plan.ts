import type { AllocationPlan, CandidateScore, PassedOverReason, TargetEffect, VacancyProposal } from '../allocation/explain-plan.js';
import type { Language, Phrasebook } from '../common/language.js';
import { isSpecialCategoryDimension } from './special-category.js';

/**
 * A plan as a reader without access to special-category data reads it (auditors): who was chosen
 * and in which order stays, and so does every rule and target that was not derived from
 * special-category data; what a special-category target did to one household (its points, the
 * share with or without that household) is withheld, because it would state that household's
 * vulnerability (AVG art. 9). Per-candidate fit and scores mix those parts in, so they go too.
 */

const WORDS: Phrasebook<{
  target: (label: string) => string;
  reason: string;
  passedOverFor: (names: readonly string[], texts: string) => string;
  special: string;
  named: (ref: string, quota: boolean) => string;
}> = {
  en: {
    target: (label) =>
      `${label}: a composition target on special-category data (AVG art. 9); its shares around this allocation are shown only to the officers handling the vacancy.`,
    reason: 'A composition target on special-category data (AVG art. 9) also weighed; its detail is shown only to the officers handling the vacancy.',
    passedOverFor: (names, texts) => `The plain-order candidate was passed over for: ${names.join(' and ')}. ${texts}`,
    special: 'a target on special-category data',
    named: (ref, quota) => `the ${ref} ${quota ? 'quota' : 'target'}`,
  },
  nl: {
    target: (label) =>
      `${label}: een samenstellingsdoel over bijzondere persoonsgegevens (AVG art. 9); de aandelen rond deze toewijzing ziet alleen de woonconsulent van deze woning.`,
    reason: 'Ook een samenstellingsdoel over bijzondere persoonsgegevens (AVG art. 9) woog mee; de details ziet alleen de woonconsulent van deze woning.',
    passedOverFor: (names, texts) => `De eerste kandidaat op volgorde is overgeslagen vanwege: ${names.join(' en ')}. ${texts}`,
    special: 'een doel over bijzondere persoonsgegevens',
    named: (ref, quota) => `${quota ? 'het quotum' : 'het doel'} ${ref}`,
  },
};

export type WithheldCandidate = Omit<CandidateScore, 'fit' | 'score' | 'costVersusChosen' | 'jointNote'>;
export type WithheldReason = Omit<PassedOverReason, 'points' | 'textWithoutSpecialCategory'> & { points: number | null };
export type WithheldTarget = Omit<TargetEffect, 'afterThis' | 'afterPlan'> & {
  afterThis: TargetEffect['afterThis'];
  afterPlan: TargetEffect['afterPlan'] | null;
};
export interface WithheldProposal extends Omit<VacancyProposal, 'chosen' | 'plainOrderCandidate' | 'alternatives' | 'plainOrderPassedOver' | 'composition'> {
  chosen: WithheldCandidate | null;
  plainOrderCandidate: WithheldCandidate | null;
  alternatives: WithheldCandidate[];
  plainOrderPassedOver: { reasons: WithheldReason[]; summary: string } | null;
  composition: WithheldTarget[];
}

function candidate(c: CandidateScore | null): WithheldCandidate | null {
  if (!c) return null;
  const { fit: _fit, score: _score, costVersusChosen: _cost, jointNote: _note, ...rest } = c;
  return rest;
}

/** A reason as a reader without need to know reads it: its withheld text, and no points when that differs. */
function withoutWithheldText(r: PassedOverReason): WithheldReason {
  const { textWithoutSpecialCategory, ...rest } = r;
  return textWithoutSpecialCategory === null ? rest : { ...rest, text: textWithoutSpecialCategory, points: null };
}

function target(t: TargetEffect, language: Language): WithheldTarget {
  if (!isSpecialCategoryDimension(t.dimension)) return t;
  return { ...t, afterThis: null, afterPlan: null, text: WORDS[language].target(t.label) };
}

/** The proposal without special-category detail, in the language its words are in (the plan's: explain-plan.ts). */
export function withholdProposal(p: VacancyProposal, language: Language = 'en'): WithheldProposal {
  const say = WORDS[language];
  const special = new Set(p.composition.filter((t) => isSpecialCategoryDimension(t.dimension)).map((t) => t.targetId));
  const passed = p.plainOrderPassedOver;
  let plainOrderPassedOver: WithheldProposal['plainOrderPassedOver'] = passed && { ...passed, reasons: passed.reasons.map(withoutWithheldText) };
  let summary = p.summary;
  if (passed && passed.reasons.some((r) => r.kind === 'COMPOSITION_TARGET' && special.has(r.ref))) {
    const kept: WithheldReason[] = passed.reasons.filter((r) => !(r.kind === 'COMPOSITION_TARGET' && special.has(r.ref))).map(withoutWithheldText);
    const reasons: WithheldReason[] = [
      ...kept,
      { kind: 'COMPOSITION_TARGET', ref: 'SPECIAL_CATEGORY', points: null, withPlainCandidate: null, withChosen: null, text: say.reason },
    ];
    const withheldSummary = say.passedOverFor(
      reasons.map((r) => (r.ref === 'SPECIAL_CATEGORY' ? say.special : say.named(r.ref, r.kind === 'PORTFOLIO_QUOTA'))),
      reasons.map((r) => r.text).join(' '),
    );
    // the proposal's summary ends with the passed-over summary (explain-plan.ts): swap that part only
    summary = summary.endsWith(passed.summary) ? summary.slice(0, summary.length - passed.summary.length) + withheldSummary : summary;
    plainOrderPassedOver = { reasons, summary: withheldSummary };
  } else if (passed && passed.reasons.some((r) => r.textWithoutSpecialCategory !== null)) {
    // a whole-plan comparison (one reason; its text is the passed-over summary: explain-plan.ts)
    const reasons = passed.reasons.map(withoutWithheldText);
    const withheldSummary = reasons.map((r) => r.text).join(' ');
    summary = summary.endsWith(passed.summary) ? summary.slice(0, summary.length - passed.summary.length) + withheldSummary : summary;
    plainOrderPassedOver = { reasons, summary: withheldSummary };
  }
  return {
    ...p,
    summary,
    chosen: candidate(p.chosen),
    plainOrderCandidate: candidate(p.plainOrderCandidate),
    alternatives: p.alternatives.map((c) => candidate(c)!),
    plainOrderPassedOver,
    composition: p.composition.map((t) => target(t, language)),
  };
}

/** The stored plan without per-household special-category detail (see withholdProposal). */
export function withholdPlan(
  plan: AllocationPlan,
  language: Language = 'en',
): Omit<AllocationPlan, 'proposals' | 'complexes'> & { proposals: WithheldProposal[]; complexes: unknown[] } {
  return {
    ...plan,
    proposals: plan.proposals.map((p) => withholdProposal(p, language)),
    complexes: plan.complexes.map((c) => ({ ...c, targets: c.targets.map((t) => target(t, language)) })),
  };
}
