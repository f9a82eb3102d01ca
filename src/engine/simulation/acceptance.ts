/** One answered offer: accepted, or refused with the coded reason (null: refused before reasons were coded). */
export interface AnsweredOffer {
  category: string;
  accepted: boolean;
  refusalCode: string | null;
}

/** What the rate of one category was learned from. */
export interface LearnedCategory {
  category: string;
  /** COMPLEX: the complex's own offers; ASSOCIATION: too few there, so all the association's offers; NONE: too few anywhere. */
  scope: 'COMPLEX' | 'ASSOCIATION' | 'NONE';
  answered: number;
  accepted: number;
  /** Refusals by coded reason (UNCODED for ones without a code), sorted by code. */
  refusalsByReason: Record<string, number>;
  /** The rate used, null when none (its households accept in the simulation). */
  rate: number | null;
}

const UNCODED = 'UNCODED';

function tallyOf(answers: readonly AnsweredOffer[], category: string) {
  const mine = answers.filter((a) => a.category === category);
  const refusals = new Map<string, number>();
  for (const a of mine) if (!a.accepted) refusals.set(a.refusalCode ?? UNCODED, (refusals.get(a.refusalCode ?? UNCODED) ?? 0) + 1);
  return {
    answered: mine.length,
    accepted: mine.filter((a) => a.accepted).length,
    refusalsByReason: Object.fromEntries([...refusals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Acceptance learned from coded answers (issue 17): every refusal, coded or not, and every offer whose
 * stage expired (coded EXPIRED or NO_RESPONSE by the letting process) counts as not accepted. A
 * category's rate comes from the complex's own offers when it has at least `minAnsweredPerCategory`
 * of them, else from the whole association's, else there is none. Each category says where its rate
 * came from and why households refused, so a manager can tell a complex's reputation (LOCATION,
 * DWELLING_TYPE) from circumstances (PERSONAL_CHANGE, MEDICAL). Deterministic: categories sorted.
 */
export function learnAcceptance(
  complexAnswers: readonly AnsweredOffer[],
  associationAnswers: readonly AnsweredOffer[],
  minAnsweredPerCategory: number,
): { rates: Record<string, number>; learned: LearnedCategory[] } {
  const categories = [...new Set([...complexAnswers, ...associationAnswers].map((a) => a.category))].sort();
  const learned = categories.map((category): LearnedCategory => {
    const own = tallyOf(complexAnswers, category);
    const all = tallyOf(associationAnswers, category);
    const [scope, tally] =
      own.answered >= minAnsweredPerCategory
        ? (['COMPLEX', own] as const)
        : all.answered >= minAnsweredPerCategory
          ? (['ASSOCIATION', all] as const)
          : (['NONE', own] as const);
    const rate = scope === 'NONE' ? null : Math.round((tally.accepted / tally.answered) * 10_000) / 10_000;
    return { category, scope, ...tally, rate };
  });
  return { rates: Object.fromEntries(learned.flatMap((l) => (l.rate === null ? [] : [[l.category, l.rate]]))), learned };
}
