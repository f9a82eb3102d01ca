import { formatBasisPoints, formatBasisPointsNl, pluralWord } from '../common/format.js';
import type { Language, Phrasebook } from '../common/language.js';
import type { AllocationRoute } from '../model.js';
import type { PortfolioQuota } from '../eligibility/portfolio-quotas.js';
import type { QuotaCounterKey } from '../eligibility/rule-outcome.js';
import { type PlanBreach, breachRecord } from './plan-objective.js';
import { ROUTE_ORDER } from './rank-candidates.js';
import type { SolveStatus } from './solver.port.js';

/**
 * The words of an explained plan (explain-plan.ts), per language. English is the stored record (its
 * sentences are hashed with the plan and replayed byte for byte, so they never change here without a
 * plan schema version); Dutch is the same plan for its Dutch readers, made from the same numbers.
 * Numbers come in as numbers: each language writes them its own way (12.5 / 12,5).
 */
export interface PlanWords {
  points: (points: number) => string;
  /** A number as it is (no rounding), e.g. a whole-plan comparison's term: 0.0009 / 0,0009. */
  decimal: (value: number) => string;
  households: (scaled: number) => string;
  percent: (basisPoints: number) => string;
  quotaLabel: Record<PortfolioQuota, string>;
  routeOrder: Record<AllocationRoute, string>;
  /** The eligibility summary of an eligible pair, from the quota counters its verdict adds to. */
  eligible: (countsAs: readonly QuotaCounterKey[]) => string;

  share: (basisPoints: number | null, count: number, total: number) => string;
  bound: (max: boolean, basisPoints: number, households: string, total: number) => string;
  violation: (violation: number, households: string, max: boolean) => string;
  quotaShare: (basisPoints: number | null, numerator: number, denominator: number) => string;
  norm: (atLeast: boolean, basisPoints: number, reference: string) => string;
  targetEffect: (
    label: string,
    complex: string,
    before: string,
    shown: string,
    thisOne: boolean,
    afterPlan: string | null,
    planned: number,
    bound: string,
    violation: string,
  ) => string;

  noPlan: string;
  noCandidates: (vacancy: string) => string;
  plainProposed: (household: string, vacancy: string) => string;
  proposedInstead: (household: string, rank: number, vacancy: string, plain: string, why: string) => string;

  emptyLead: (vacancy: string) => string;
  noneWithinBound: (lead: string, candidates: number) => string;
  allHousedElsewhere: (lead: string, choosable: number) => string;
  notHousedElsewhere: (others: number) => string;
  onlyCandidate: (notHoused: string, who: string) => string;
  eachCandidate: (count: number, notHoused: string) => string;
  hardQuota: (quota: string) => string;
  aHardRule: string;
  wouldBreak: (lead: string, subject: string, what: string, details: string, hardQuota: boolean) => string;
  otherCandidates: (housed: number, unavailable: number) => string;
  notProvenBestEmpty: (lead: string, notProvenBest: string, others: string) => string;
  pointsOn: (points: string, id: string, composition: boolean, label: string) => string;
  pointsOnSpecial: (points: string) => string;
  costsOne: (part: string) => string;
  costsMany: (total: string, parts: readonly string[]) => string;
  cheaperEmpty: (
    lead: string,
    who: string,
    rank: number,
    priority: string,
    costs: string,
    net: string,
    moreThan: boolean,
    penalty: string,
    others: string,
  ) => string;

  /** A hard row other than a quota that these candidates would break (the vacancy left empty). */
  rowBroken: (who: string, id: string) => string;
  /** A hard row other than a quota the plain-order candidate would break (it was passed over). */
  rowLabelBroken: (who: string, label: string) => string;
  quotaWith: (who: string, label: string, scope: string, share: string, norm: string, vacancy: string, empty: string) => string;
  belowUrgent: (who: string, several: boolean, urgent: string, rank: number) => string;
  names: (names: readonly string[]) => string;

  allocatedElsewhere: (plain: string, other: string, rankThere: number, vacancy: string) => string;
  hardLimit: (text: string, plain: string) => string;
  compositionReason: (
    plain: string,
    label: string,
    complex: string,
    withPlain: string,
    bound: string,
    plainViolation: string,
    chosen: string,
    withChosen: string,
    chosenViolation: string,
    weight: number,
    points: string,
  ) => string;
  quotaReason: (text: string, points: string) => string;
  quotaComparison: (plain: string, label: string, scope: string, withPlain: string, norm: string, chosen: string, withChosen: string) => string;
  passingOver: (places: number, priorityCost: string) => string;
  passedOverSummary: (
    places: number,
    priorityCost: string,
    plain: string,
    hard: readonly string[],
    soft: { total: string; names: readonly string[] } | null,
    texts: string,
  ) => string;
  targetName: (ref: string) => string;
  quotaName: (ref: string) => string;

  notProvenBest: (who: string, gain: string, status: SolveStatus, gap: number | null, scope: 'NOT_OPTIMAL' | 'TOP_K' | 'TOLERANCE') => string;
  jointTerm: Record<'priority' | 'tieBreak' | 'unfilled', string>;
  jointTarget: (id: string, complex: string, label: string) => string;
  jointQuota: (id: string) => string;
  refill: (vacancy: string, household: string | null, rank: number | null) => string;
  verb: Record<'MOVE' | 'CHOOSE', string>;
  /** A hard rule the compared plan breaks; `row` names a broken hard row (its id and label). */
  breach: (breach: PlanBreach, row: { kind: 'COMPOSITION' | 'QUOTA'; id: string; label: string } | null) => string;
  breaksHardRule: (verb: string, who: string, breaks: readonly string[]) => string;
  costsInPlan: (verb: string, who: string, points: string, parts: readonly string[]) => string;
  specialTarget: string;
  jointNoteLead: (who: string, gain: string, housedIn: string | null) => string;
}

const pointsEn = (points: number) => String(Math.round(points * 100) / 100);
const householdsEn = (scaled: number) => {
  const hundredths = Math.round(scaled / 100);
  const whole = Math.trunc(hundredths / 100);
  const frac = Math.abs(hundredths % 100);
  const sign = hundredths < 0 && whole === 0 ? '-' : '';
  return `${sign}${whole}${frac === 0 ? '' : `.${String(frac).padStart(2, '0').replace(/0$/, '')}`}`;
};
const countOfEn = (n: number, one: string, many: string) => `${n} ${pluralWord(n, one, many)}`;
const countOfNl = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const or = (names: readonly string[], word: string, more: (n: number) => string) =>
  names.length <= 3
    ? names.length === 1
      ? names[0]
      : `${names.slice(0, -1).join(', ')} ${word} ${names[names.length - 1]}`
    : `${names.slice(0, 3).join(', ')} ${word} ${more(names.length - 3)}`;

const en: PlanWords = {
  points: pointsEn,
  decimal: (value) => String(value),
  households: householdsEn,
  percent: formatBasisPoints,
  quotaLabel: {
    DAEB_TARGET_GROUP: 'share of social (DAEB) homes let to the DAEB target group',
    PASSEND_WITHIN_CAP: 'share of passend-covered allocations within the rent cap',
    LOCAL_TIES: 'share of allocations with local-ties priority',
  },
  routeOrder: ROUTE_ORDER,
  eligible: (countsAs) => {
    const quotas = [
      countsAs.includes('daebAboveLimit') ? 'free allocation room (vrije toewijzingsruimte)' : null,
      countsAs.includes('passendAboveCap') ? 'passend exceptions' : null,
    ].filter((q) => q !== null);
    return quotas.length === 0
      ? 'Your household may rent this home.'
      : `Your household may rent this home, but the allocation counts against the association's ${quotas.join(' and ')}.`;
  },

  share: (bp, count, total) => (bp === null ? 'no households' : `${formatBasisPoints(bp)} (${count} of ${total})`),
  bound: (max, bp, households, total) => `${max ? 'at most' : 'at least'} ${formatBasisPoints(bp)} (${households} of ${total})`,
  violation: (violation, n, max) =>
    violation === 0 ? 'within the target' : `${n} ${pluralWord(violation, 'household', 'households')} ${max ? 'over' : 'short'}`,
  quotaShare: (bp, numerator, denominator) => `${bp === null ? 'undefined' : formatBasisPoints(bp)} (${numerator} of ${denominator})`,
  norm: (atLeast, bp, reference) => `${atLeast ? 'at least' : 'at most'} ${formatBasisPoints(bp)} (${reference})`,
  targetEffect: (label, complex, before, shown, thisOne, afterPlan, planned, bound, violation) =>
    `${label} in ${complex}: ${before} now; ${shown} after ${thisOne ? 'this allocation' : 'the plan'}` +
    (afterPlan !== null ? ` and ${afterPlan} after all ${planned} planned allocations` : '') +
    `; target ${bound}: ${violation}.`,

  noPlan: 'No plan: see the status and message.',
  noCandidates: (vacancy) => `Vacancy ${vacancy} has no eligible candidates.`,
  plainProposed: (household, vacancy) => `${household} is proposed for ${vacancy}: the plain-order candidate (rank 1).`,
  proposedInstead: (household, rank, vacancy, plain, why) =>
    `${household} (rank ${rank}) is proposed for ${vacancy} instead of the plain-order candidate ${plain}. ${why}`,

  emptyLead: (vacancy) => `Vacancy ${vacancy} stays empty in this plan`,
  noneWithinBound: (lead, n) => `${lead}: none of its ${countOfEn(n, 'candidate', 'candidates')} is within the displacement bound.`,
  allHousedElsewhere: (lead, n) =>
    `${lead}: its ${countOfEn(n, 'candidate', 'candidates')} within the displacement bound ${n === 1 ? 'is' : 'are all'} housed elsewhere.`,
  notHousedElsewhere: (others) => (others > 0 ? ` not housed elsewhere (${countOfEn(others, 'other is', 'others are')})` : ''),
  onlyCandidate: (notHoused, who) => `its only candidate${notHoused}, ${who},`,
  eachCandidate: (count, notHoused) => `each of its ${count} candidates${notHoused}`,
  hardQuota: (quota) => `the hard ${quota} quota`,
  aHardRule: 'a hard rule',
  wouldBreak: (lead, subject, what, details, hardQuota) =>
    `${lead}: ${subject} would break ${what}. ${details}${hardQuota ? ' The policy enforces quotas as hard limits (quotas.enforcement HARD).' : ''}`,
  otherCandidates: (housed, unavailable) =>
    housed + unavailable === 0
      ? ''
      : ` Of its other candidates, ${[housed > 0 ? `${countOfEn(housed, 'is', 'are')} housed elsewhere` : '', unavailable > 0 ? `${countOfEn(unavailable, 'would', 'would')} break a hard rule` : ''].filter(Boolean).join(' and ')}.`,
  notProvenBestEmpty: (lead, notProvenBest, others) => `${lead}. ${notProvenBest}${others}`,
  pointsOn: (points, id, composition, label) => `${points} points on the ${id} ${composition ? `target (${label})` : 'quota'}`,
  pointsOnSpecial: (points) => `${points} points on composition targets on special-category data (detail for the officers handling the vacancy)`,
  costsOne: (part) => ` but cost ${part}`,
  costsMany: (total, parts) => ` but cost ${total} points on targets and quotas, ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`,
  cheaperEmpty: (lead, who, rank, priority, costs, net, moreThan, penalty, others) =>
    `${lead}: filling it would cost more points than leaving it empty. The best available candidate, ${who} (rank ${rank}), would earn ${priority} priority points${costs}: ` +
    `${net} points net, ${moreThan ? 'more than' : 'as much as'} the unfilled penalty of ${penalty} points (policy unfilledPenalty).${others}`,

  rowBroken: (who, id) => `With ${who} the hard ${id} row would be broken.`,
  rowLabelBroken: (who, label) => `With ${who} the ${label} row would be broken.`,
  quotaWith: (who, label, scope, share, norm, vacancy, empty) =>
    `With ${who} the ${label} (${scope}) would be ${share} against a norm of ${norm}; with ${vacancy} empty it is ${empty}.`,
  belowUrgent: (who, several, urgent, rank) =>
    `${who} ${several ? 'are' : 'is'} ranked below urgent household ${urgent} (rank ${rank}), who keeps priority and is not housed in this plan.`,
  names: (names) => or(names, 'or', (n) => `${n} more`),

  allocatedElsewhere: (plain, other, rankThere, vacancy) =>
    `${plain} is allocated ${other} in the same plan (rank ${rankThere} there), so ${vacancy} goes to the next candidate in line for it. `,
  hardLimit: (text, plain) => `${text} The policy enforces it as a hard limit (quotas.enforcement HARD), so ${plain} cannot be chosen here.`,
  compositionReason: (plain, label, complex, withPlain, bound, plainViolation, chosen, withChosen, chosenViolation, weight, points) =>
    `With ${plain} the share of ${label} in ${complex} would be ${withPlain}, against ${bound}: ` +
    `${plainViolation}; with ${chosen} it is ${withChosen}: ${chosenViolation}. ` +
    `At ${weight} points per household that costs ${points} points more.`,
  quotaReason: (text, points) => `${text} That costs ${points} points more.`,
  quotaComparison: (plain, label, scope, withPlain, norm, chosen, withChosen) =>
    `With ${plain} the ${label} (${scope}) would be ${withPlain} against a norm of ${norm}; with ${chosen} it is ${withChosen}.`,
  passingOver: (places, cost) => `Passing over ${places} ${pluralWord(places, 'place', 'places')} costs ${cost} priority points. `,
  passedOverSummary: (places, cost, plain, hard, soft, texts) =>
    `Passing over ${places} ${pluralWord(places, 'place', 'places')} costs ${cost} priority points; ` +
    (hard.length > 0 ? `choosing ${plain} would break the hard ${hard.join(' and ')} limit${soft !== null ? ' and ' : ''}` : `choosing ${plain} would `) +
    (soft !== null ? `cost ${soft.total} points on ${soft.names.join(' and ')}` : '') +
    `. ${texts}`,
  targetName: (ref) => `the ${ref} target`,
  quotaName: (ref) => `the ${ref} quota`,

  notProvenBest: (who, gain, status, gap, scope) => {
    const gapText = gap === null ? '' : `, relative gap ${gap}`;
    const why =
      scope === 'NOT_OPTIMAL'
        ? `the plan is ${status}${gapText}, not proven the best`
        : scope === 'TOP_K'
          ? "the plan is the best over each vacancy's top candidates only (TOP_K pruning), not over every candidate"
          : `the plan is optimal only within the solver's tolerance${gapText}`;
    return `With the rest of the plan unchanged, choosing ${who} here would gain ${gain} points: ${why}. The officer may prefer ${who}.`;
  },
  jointTerm: { priority: 'priority points', tieBreak: 'plain-order tie-break', unfilled: 'unfilled vacancies' },
  jointTarget: (id, complex, label) => `the ${id} target of ${complex} (${label})`,
  jointQuota: (id) => `the ${id} quota`,
  refill: (vacancy, household, rank) => (household !== null ? `${vacancy} goes to ${household} (rank ${rank}) instead` : `${vacancy} stays empty`),
  verb: { MOVE: 'Moving', CHOOSE: 'Choosing' },
  breach: breachRecord,
  breaksHardRule: (verb, who, breaks) => `${verb} ${who} here breaks a hard rule: ${breaks.join('; ')}.`,
  costsInPlan: (verb, who, points, parts) => `${verb} ${who} here costs ${points} points in the plan as a whole: ${parts.join('; ')}.`,
  specialTarget: 'a composition target on special-category data (detail for the officers handling the vacancy)',
  jointNoteLead: (who, gain, housedIn) =>
    `With the rest of the plan fixed, ${who} scores ${gain} points more here than the proposed household` +
    (housedIn === null ? '' : `, but the plan houses ${who} in ${housedIn}`) +
    '. ',
};

const comma = (text: string) => text.replace('.', ',');

/** Why a plan is not proven the best, by the solver's status (solver.port.ts: OPTIMAL has other words, see notProvenBest). */
const NOT_PROVEN_NL: Record<SolveStatus, string> = {
  OPTIMAL: 'de solver meldde een optimum',
  TIME_LIMIT: 'de solver bereikte zijn tijdslimiet',
  ERROR: 'de solver stopte met een fout',
  INFEASIBLE: 'de solver noemde het model onuitvoerbaar',
};

const nl: PlanWords = {
  points: (points) => comma(pointsEn(points)),
  decimal: (value) => comma(String(value)),
  households: (scaled) => comma(householdsEn(scaled)),
  percent: formatBasisPointsNl,
  quotaLabel: {
    DAEB_TARGET_GROUP: 'aandeel sociale huurwoningen (DAEB) verhuurd aan de DAEB-doelgroep',
    PASSEND_WITHIN_CAP: 'aandeel toewijzingen onder passend toewijzen binnen de aftoppingsgrens',
    LOCAL_TIES: 'aandeel toewijzingen met voorrang voor lokale binding',
  },
  routeOrder: {
    REGULAR: 'voorrangsgroep, dan inschrijfduur, dan huishoudnummer',
    URGENCY: 'urgenten eerst, dan voorrangsgroep, inschrijfduur en huishoudnummer',
    LOTTERY: 'voorrangsgroep, dan de loting (vastgelegd lotingszaad), dan huishoudnummer',
    DIRECT: 'route gekozen door de woonconsulent; gewone volgorde naar voorrangsgroep, inschrijfduur en huishoudnummer',
    POINTS: 'voorrangsgroep, dan punten (meeste eerst; zonder punten achteraan), dan inschrijfduur en huishoudnummer',
  },
  eligible: (countsAs) => {
    const quotas = [
      countsAs.includes('daebAboveLimit') ? 'vrije toewijzingsruimte' : null,
      countsAs.includes('passendAboveCap') ? 'uitzonderingen op passend toewijzen' : null,
    ].filter((q) => q !== null);
    return quotas.length === 0
      ? 'Uw huishouden mag deze woning huren.'
      : `Uw huishouden mag deze woning huren, maar de toewijzing telt mee in de ${quotas.join(' en ')} van de corporatie.`;
  },

  share: (bp, count, total) => (bp === null ? 'geen huishoudens' : `${formatBasisPointsNl(bp)} (${count} van ${total})`),
  bound: (max, bp, households, total) => `${max ? 'ten hoogste' : 'ten minste'} ${formatBasisPointsNl(bp)} (${households} van ${total})`,
  violation: (violation, n, max) =>
    violation === 0 ? 'binnen het doel' : `${n} ${violation === 1 ? 'huishouden' : 'huishoudens'} ${max ? 'te veel' : 'te weinig'}`,
  quotaShare: (bp, numerator, denominator) => `${bp === null ? 'onbepaald' : formatBasisPointsNl(bp)} (${numerator} van ${denominator})`,
  norm: (atLeast, bp, reference) => `${atLeast ? 'ten minste' : 'ten hoogste'} ${formatBasisPointsNl(bp)} (${reference})`,
  targetEffect: (label, complex, before, shown, thisOne, afterPlan, planned, bound, violation) =>
    `${label} in ${complex}: nu ${before}; ${shown} na ${thisOne ? 'deze toewijzing' : 'het plan'}` +
    (afterPlan !== null ? ` en ${afterPlan} na alle ${planned} geplande toewijzingen` : '') +
    `; doel ${bound}: ${violation}.`,

  noPlan: 'Geen plan: zie de status en de melding.',
  noCandidates: (vacancy) => `Woning ${vacancy} heeft geen kandidaten die in aanmerking komen.`,
  plainProposed: (household, vacancy) => `${household} wordt voorgesteld voor ${vacancy}: de eerste kandidaat op volgorde (plaats 1).`,
  proposedInstead: (household, rank, vacancy, plain, why) =>
    `${household} (plaats ${rank}) wordt voorgesteld voor ${vacancy} in plaats van ${plain}, de eerste op volgorde. ${why}`,

  emptyLead: (vacancy) => `Woning ${vacancy} blijft leeg in dit plan`,
  noneWithinBound: (lead, n) => `${lead}: geen van de ${countOfNl(n, 'kandidaat', 'kandidaten')} valt binnen de grens voor verdringing.`,
  allHousedElsewhere: (lead, n) =>
    `${lead}: ${n === 1 ? 'de enige kandidaat binnen de grens voor verdringing krijgt' : `alle ${n} kandidaten binnen de grens voor verdringing krijgen`} elders een woning.`,
  notHousedElsewhere: (others) => (others > 0 ? ` die niet elders een woning krijgt (${countOfNl(others, 'ander krijgt', 'anderen krijgen')} dat wel)` : ''),
  onlyCandidate: (notHoused, who) => `de enige kandidaat${notHoused}, ${who},`,
  eachCandidate: (count, notHoused) => `elk van de ${count} kandidaten${notHoused}`,
  hardQuota: (quota) => `het harde quotum ${quota}`,
  aHardRule: 'een harde regel',
  wouldBreak: (lead, subject, what, details, hardQuota) =>
    `${lead}: ${subject} zou ${what} breken. ${details}${hardQuota ? ' Het beleid handhaaft quota als harde grens (quotas.enforcement HARD).' : ''}`,
  otherCandidates: (housed, unavailable) =>
    housed + unavailable === 0
      ? ''
      : ` Van de andere kandidaten ${[housed > 0 ? `${housed === 1 ? 'krijgt er 1' : `krijgen er ${housed}`} elders een woning` : '', unavailable > 0 ? `${unavailable === 1 ? 'zou er 1' : `zouden er ${unavailable}`} een harde regel breken` : ''].filter(Boolean).join(' en ')}.`,
  notProvenBestEmpty: (lead, notProvenBest, others) => `${lead}. ${notProvenBest}${others}`,
  pointsOn: (points, id, composition, label) => `${points} punten op ${composition ? `het doel ${id} (${label})` : `het quotum ${id}`}`,
  pointsOnSpecial: (points) => `${points} punten op samenstellingsdoelen over bijzondere persoonsgegevens (details voor de woonconsulenten van deze woning)`,
  costsOne: (part) => `, maar kost ${part}`,
  costsMany: (total, parts) => `, maar kost ${total} punten op doelen en quota: ${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`,
  cheaperEmpty: (lead, who, rank, priority, costs, net, moreThan, penalty, others) =>
    `${lead}: de woning vullen kost meer punten dan haar leeg laten. De beste beschikbare kandidaat, ${who} (plaats ${rank}), levert ${priority} voorrangspunten op${costs}: ` +
    `netto ${net} punten, ${moreThan ? 'meer dan' : 'evenveel als'} de boete voor een lege woning van ${penalty} punten (beleid: unfilledPenalty).${others}`,

  rowBroken: (who, id) => `Met ${who} zou de harde regel ${id} worden gebroken.`,
  rowLabelBroken: (who, label) => `Met ${who} zou de harde grens voor ${label} worden overschreden.`,
  quotaWith: (who, label, scope, share, norm, vacancy, empty) =>
    `Met ${who} zou het ${label} (${scope}) ${share} worden, tegen een norm van ${norm}; met ${vacancy} leeg is het ${empty}.`,
  belowUrgent: (who, several, urgent, rank) =>
    `${who} ${several ? 'staan' : 'staat'} lager dan urgent huishouden ${urgent} (plaats ${rank}), dat zijn voorrang houdt en in dit plan geen woning krijgt.`,
  names: (names) => or(names, 'of', (n) => `${n} anderen`),

  allocatedElsewhere: (plain, other, rankThere, vacancy) =>
    `${plain} krijgt in hetzelfde plan woning ${other} (daar plaats ${rankThere}), dus ${vacancy} gaat naar de volgende kandidaat op volgorde. `,
  hardLimit: (text, plain) => `${text} Het beleid handhaaft dit als harde grens (quotas.enforcement HARD), dus ${plain} kan hier niet worden gekozen.`,
  compositionReason: (plain, label, complex, withPlain, bound, plainViolation, chosen, withChosen, chosenViolation, weight, points) =>
    `Met ${plain} zou het aandeel ${label} in ${complex} ${withPlain} worden, tegen ${bound}: ` +
    `${plainViolation}; met ${chosen} is het ${withChosen}: ${chosenViolation}. ` +
    `Bij ${weight} punten per huishouden kost dat ${points} punten meer.`,
  quotaReason: (text, points) => `${text} Dat kost ${points} punten meer.`,
  quotaComparison: (plain, label, scope, withPlain, norm, chosen, withChosen) =>
    `Met ${plain} zou het ${label} (${scope}) ${withPlain} worden, tegen een norm van ${norm}; met ${chosen} is het ${withChosen}.`,
  passingOver: (places, cost) => `${places === 1 ? '1 plaats' : `${places} plaatsen`} overslaan kost ${cost} voorrangspunten. `,
  passedOverSummary: (places, cost, plain, hard, soft, texts) =>
    `${places === 1 ? '1 plaats' : `${places} plaatsen`} overslaan kost ${cost} voorrangspunten; ` +
    (hard.length > 0 ? `${plain} kiezen zou de harde grens ${hard.join(' en ')} breken${soft !== null ? ' en ' : ''}` : `${plain} kiezen zou `) +
    (soft !== null ? `${soft.total} punten kosten op ${soft.names.join(' en ')}` : '') +
    `. ${texts}`,
  targetName: (ref) => `het doel ${ref}`,
  quotaName: (ref) => `het quotum ${ref}`,

  notProvenBest: (who, gain, status, gap, scope) => {
    const gapText = gap === null ? '' : `, relatieve marge ${comma(String(gap))}`;
    const why =
      scope === 'NOT_OPTIMAL'
        ? `het plan is toelaatbaar maar niet bewezen optimaal (${NOT_PROVEN_NL[status]}${gapText})`
        : scope === 'TOP_K'
          ? 'het plan is alleen het beste over de beste kandidaten per woning (TOP_K-snoeiing), niet over alle kandidaten'
          : `het plan is alleen optimaal binnen de tolerantie van de solver${gapText}`;
    return `Als de rest van het plan gelijk blijft, levert ${who} hier kiezen ${gain} punten op: ${why}. De woonconsulent kan de voorkeur geven aan ${who}.`;
  },
  jointTerm: { priority: 'voorrangspunten', tieBreak: 'beslissing bij gelijke stand (gewone volgorde)', unfilled: 'lege woningen' },
  jointTarget: (id, complex, label) => `het doel ${id} van ${complex} (${label})`,
  jointQuota: (id) => `het quotum ${id}`,
  refill: (vacancy, household, rank) => (household !== null ? `${vacancy} gaat dan naar ${household} (plaats ${rank})` : `${vacancy} blijft dan leeg`),
  verb: { MOVE: 'verplaatsen', CHOOSE: 'kiezen' },
  breach: (b, row) => {
    switch (b.kind) {
      case 'HOUSED_TWICE':
        return `huishouden ${b.household} krijgt twee woningen`;
      case 'HARD_ROW':
        return row === null
          ? `de harde regel ${b.row} wordt gebroken`
          : `${row.kind === 'QUOTA' ? 'het harde quotum' : 'het harde doel'} ${row.id} (${row.label}) wordt gebroken`;
      case 'URGENT_PASSED_OVER':
        return `urgent huishouden ${b.household} (plaats ${b.rank}) wordt bij woning ${b.vacancy} overgeslagen en krijgt geen woning`;
    }
  },
  breaksHardRule: (verb, who, breaks) => `${who} hier ${verb} breekt een harde regel: ${breaks.join('; ')}.`,
  costsInPlan: (verb, who, points, parts) => `${who} hier ${verb} kost ${points} punten in het plan als geheel: ${parts.join('; ')}.`,
  specialTarget: 'een samenstellingsdoel over bijzondere persoonsgegevens (details voor de woonconsulenten van deze woning)',
  jointNoteLead: (who, gain, housedIn) =>
    `Als de rest van het plan vast ligt, scoort ${who} hier ${gain} punten meer dan het voorgestelde huishouden` +
    (housedIn === null ? '' : `, maar het plan geeft ${who} woning ${housedIn}`) +
    '. ',
};

/** The plan's words in each language; explainPlan writes English unless asked. */
export const PLAN_WORDS: Phrasebook<PlanWords> = { en, nl };

export function planWords(language: Language): PlanWords {
  return PLAN_WORDS[language];
}
