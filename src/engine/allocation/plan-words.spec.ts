import { withholdProposal } from '../privacy/withhold-plan.js';
import { buildAllocationModel } from './build-allocation-model.js';
import { AllocationPlan, explainPlan } from './explain-plan.js';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { planPrepared } from './plan-allocation.js';
import { PreparedAllocation, prepareAllocation } from './prepare-allocation.js';
import { AllocationSolution } from './solve-allocation.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anAssociationScope, anInput, vulnerable } from './test-fixtures/allocation-input.builder.js';
import { ScriptedSolver, exactAnswer } from './test-fixtures/fake-solver.js';
import { planOf, solvedAs } from './test-fixtures/plan-of.js';

/** The fields of a plan that are words (plan-words.ts); everything else must be the same in each language. */
const WORDS = new Set(['summary', 'text', 'textWithoutSpecialCategory', 'jointNote', 'eligibility', 'routeOrder']);
/** Words only the English sentences of a plan use: a Dutch sentence with one of them was left untranslated. */
const ENGLISH =
  /\b(the|would|with|households?|instead|stays|empty|share|target|costs?|choosing|passing|moving|allocated|against|within|short|points|rank|may|your)\b/;

function withoutWords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWords);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(object).map(([k, v]) => [
      k,
      WORDS.has(k) || (k === 'label' && object.kind === 'QUOTA') ? (typeof v === 'string' ? '' : v) : withoutWords(v),
    ]),
  );
}

function sentencesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => sentencesOf(v, out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (WORDS.has(k) && typeof v === 'string') out.push(v);
      else sentencesOf(v, out);
    }
  return out;
}

async function solved(prepared: PreparedAllocation): Promise<AllocationSolution> {
  return (await planPrepared(prepared, new ScriptedSolver([exactAnswer(buildAllocationModel(prepared), prepared)]), { lpRounding: false })).solution;
}

const twoComplexes = () =>
  prepareAllocation(
    anInput({
      households: [
        aHousehold(1, { registrationDate: '2015-01-01' }),
        vulnerable(2, { registrationDate: '2016-01-01' }),
        aHousehold(3, { registrationDate: '2017-01-01' }),
      ],
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 4, NOT_VULNERABLE: 6 } }), aComplex(2, 5, 10)],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(2)]), aVacancy(2, 2, [aPair(1), aPair(2), aPair(3)])],
    }),
  );
const queueOf3 = [
  vulnerable(1, { registrationDate: '2015-01-01' }),
  aHousehold(2, { registrationDate: '2016-01-01' }),
  aHousehold(3, { registrationDate: '2017-01-01' }),
];
const capRound = () =>
  prepareAllocation(
    anInput({
      policy: aPolicy({ rankStepPoints: 10 }),
      households: queueOf3,
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [
        aVacancy(
          1,
          1,
          queueOf3.map((h) => aPair(h.id, { countsAs: h.id === 2 ? ['daebAboveLimit', 'passendAboveCap'] : ['daebInTargetGroup'] })),
        ),
      ],
      quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 93, daebAboveLimit: 7, passendWithinCap: 60, passendAboveCap: 2 })],
    }),
  );
const hardQuota = () =>
  prepareAllocation(
    anInput({
      policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } }),
      households: [aHousehold(1, { registrationDate: '2015-01-01' }), aHousehold(2, { registrationDate: '2016-01-01' })],
      complexes: [aComplex(1, 5, 10)],
      vacancies: [aVacancy(1, 1, [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(2, { countsAs: ['daebAboveLimit'] })])],
      quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 93, daebAboveLimit: 7 })],
    }),
  );
const atCap = (unfilledPenalty: number) =>
  prepareAllocation(
    anInput({
      policy: aPolicy({ unfilledPenalty }),
      households: [vulnerable(1, { registrationDate: '2015-01-01' }), vulnerable(2, { registrationDate: '2016-01-01' })],
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(2)])],
    }),
  );
const housedElsewhere = () =>
  prepareAllocation(
    anInput({
      households: [aHousehold(1)],
      complexes: [aComplex(1, 5, 10)],
      vacancies: [aVacancy(1, 1, [aPair(1)]), aVacancy(2, 1, [aPair(1)]), aVacancy(3, 1, [])],
    }),
  );
// household 2 is urgent and vulnerable, a candidate for both vacancies of a complex at its vulnerable cap;
// the plan houses it at VAC-2, so a move of household 1 (or household 3 chosen) would pass it over
const urgentProtected = () =>
  prepareAllocation(
    anInput({
      households: [
        aHousehold(1, { registrationDate: '2015-01-01' }),
        vulnerable(2, { registrationDate: '2016-01-01', urgent: true }),
        aHousehold(3, { registrationDate: '2017-01-01' }),
      ],
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(2), aPair(3)]), aVacancy(2, 1, [aPair(1), aPair(2), aPair(3)])],
    }),
  );
// the plain-order candidate would push the hard DAEB quota under its norm; the second one counts in the target group
const hardQuotaPassedOver = () =>
  prepareAllocation(
    anInput({
      policy: aPolicy({ quotas: { ...aPolicy().quotas, enforcement: 'HARD' } }),
      households: [aHousehold(1, { registrationDate: '2015-01-01' }), aHousehold(2, { registrationDate: '2016-01-01' })],
      complexes: [aComplex(1, 5, 10)],
      vacancies: [aVacancy(1, 1, [aPair(1, { countsAs: ['daebAboveLimit'] }), aPair(2, { countsAs: ['daebInTargetGroup'] })])],
      quotaScopes: [anAssociationScope({ allocations: 100, daebInTargetGroup: 93, daebAboveLimit: 7 })],
    }),
  );
// only quotas are hard rows today (prepare-allocation.ts); the words for another hard row, all the same:
// vulnerable household 1 and household `second` (2 not vulnerable, 3 vulnerable) for a complex at its cap, the cap made hard
const hardCompositionRow = (second: 2 | 3): PreparedAllocation => {
  const prepared = prepareAllocation(
    anInput({
      households: [vulnerable(1, { registrationDate: '2015-01-01' }), (second === 2 ? aHousehold : vulnerable)(second, { registrationDate: '2016-01-01' })],
      complexes: [aComplex(1, 1, 10, { VULNERABILITY: { VULNERABLE: 3, NOT_VULNERABLE: 7 } })],
      vacancies: [aVacancy(1, 1, [aPair(1), aPair(second)])],
    }),
  );
  return { ...prepared, sideRows: prepared.sideRows.map((row) => (row.spec.kind === 'COMPOSITION' ? { ...row, hard: true } : row)) };
};

/** Each case: a prepared input and the solution explained (as a solver, or a test, would give it). */
const CASES: [string, () => Promise<{ prepared: PreparedAllocation; solution: AllocationSolution }>][] = [
  [
    'a move between complexes compared in the plan as a whole',
    async () => ({ prepared: twoComplexes(), solution: solvedAs(twoComplexes(), new Int32Array([0, 3])) }),
  ],
  ['a composition target and the quotas weighed, solved exactly', async () => ({ prepared: capRound(), solution: await solved(capRound()) })],
  [
    'a plan cut short: not proven best',
    async () => ({ prepared: atCap(100_000), solution: solvedAs(atCap(100_000), new Int32Array([-1]), { status: 'TIME_LIMIT', gap: 0.5 }) }),
  ],
  [
    'a plan the solver stopped with an error',
    async () => ({ prepared: atCap(100_000), solution: solvedAs(atCap(100_000), new Int32Array([-1]), { status: 'ERROR' }) }),
  ],
  ['a hard quota every candidate would break', async () => ({ prepared: hardQuota(), solution: await solved(hardQuota()) })],
  ['a hard quota the plain-order candidate would break', async () => ({ prepared: hardQuotaPassedOver(), solution: await solved(hardQuotaPassedOver()) })],
  [
    'an urgent household a move would pass over',
    async () => ({ prepared: urgentProtected(), solution: solvedAs(urgentProtected(), planOf(urgentProtected(), [1, 2])) }),
  ],
  [
    'a hard row other than a quota',
    async () => ({ prepared: hardCompositionRow(2), solution: solvedAs(hardCompositionRow(2), planOf(hardCompositionRow(2), [2])) }),
  ],
  ['cheaper to leave empty', async () => ({ prepared: atCap(0), solution: await solved(atCap(0)) })],
  ['candidates housed elsewhere, and no candidates at all', async () => ({ prepared: housedElsewhere(), solution: await solved(housedElsewhere()) })],
];

describe('explainPlan in Dutch: the same plan, in the words of its Dutch readers', () => {
  it.each(CASES)('%s: every number, id and choice as in English; no English sentence left', async (_case, make) => {
    const { prepared, solution } = await make();
    const baselines = [plainOrderGreedy(prepared), capAwareGreedy(prepared)];
    const english: AllocationPlan = explainPlan(prepared, solution, baselines);
    const dutch = explainPlan(prepared, solution, baselines, 'nl');
    expect(withoutWords(dutch)).toEqual(withoutWords(english));
    // target labels are the policy's own words (its author's language), not the engine's
    const labels = prepared.complexes.flatMap((c) => c.targets.map((t) => t.label));
    const engineWords = (text: string) => labels.reduce((t, label) => t.split(label).join('«label»'), text);
    const sentences = sentencesOf(dutch);
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(engineWords(sentence)).not.toMatch(ENGLISH);
    // a reader without need to know gets the Dutch text without special-category detail too
    for (const p of dutch.proposals) for (const text of sentencesOf(withholdProposal(p, 'nl'))) expect(engineWords(text)).not.toMatch(ENGLISH);
    // asking for Dutch leaves the English record as it was
    expect(explainPlan(prepared, solution, baselines)).toEqual(english);
  });

  it.each([
    [
      'the proposal of a composition target',
      async () => explainPlan(twoComplexes(), solvedAs(twoComplexes(), new Int32Array([0, 3])), [], 'nl').proposals[0].summary,
      /^H-000001 wordt voorgesteld voor VAC-1: de eerste kandidaat op volgorde \(plaats 1\)\.$/,
    ],
    [
      'a hard quota every candidate would break',
      async () => explainPlan(hardQuota(), await solved(hardQuota()), [], 'nl').proposals[0].summary,
      /^Woning VAC-1 blijft leeg in dit plan: elk van de 2 kandidaten zou het harde quotum ASSOCIATION:DAEB_TARGET_GROUP breken\. Met H-000001 of H-000002 zou het aandeel sociale huurwoningen \(DAEB\) verhuurd aan de DAEB-doelgroep \(ASSOCIATION\) 92,07% \(93 van 101\) worden, tegen een norm van ten minste 92,5% \(Woningwet art\. 48; BTIV 2015 art\. 16\); met VAC-1 leeg is het 93% \(93 van 100\)\. Het beleid handhaaft quota als harde grens \(quotas\.enforcement HARD\)\.$/,
    ],
    [
      'cheaper to leave empty, without special-category detail',
      async () => explainPlan(atCap(0), await solved(atCap(0)), [], 'nl').proposals[0].summary,
      /^Woning VAC-1 blijft leeg in dit plan: de woning vullen kost meer punten dan haar leeg laten\. De beste beschikbare kandidaat, H-000001 \(plaats 1\), levert 20 voorrangspunten op, maar kost 70 punten op samenstellingsdoelen over bijzondere persoonsgegevens \(details voor de woonconsulenten van deze woning\): netto 50 punten, meer dan de boete voor een lege woning van 0 punten \(beleid: unfilledPenalty\)\.$/,
    ],
  ])('%s, word for word', async (_case, make, expected) => {
    expect(await make()).toMatch(expected);
  });
});

/**
 * Words that were left in English (statuses, broken rules, numbers) now Dutch; the English record keeps
 * its words byte for byte (stored plans are hashed and replayed).
 */
describe('explainPlan: solver statuses, broken hard rules and numbers in Dutch; English as it was', () => {
  const plain = (plan: AllocationPlan) => plan.proposals[0].plainOrderPassedOver!.reasons[0].text;
  it.each([
    [
      'a plan cut short by the time limit: not proven best',
      () => ({ prepared: atCap(100_000), solution: solvedAs(atCap(100_000), new Int32Array([-1]), { status: 'TIME_LIMIT', gap: 0.5 }) }),
      (plan: AllocationPlan) => plan.proposals[0].summary,
      /^Vacancy VAC-1 stays empty in this plan\. With the rest of the plan unchanged, choosing H-000001 here would gain 99950\.01 points: the plan is TIME_LIMIT, relative gap 0\.5, not proven the best\. The officer may prefer H-000001\.$/,
      /^Woning VAC-1 blijft leeg in dit plan\. Als de rest van het plan gelijk blijft, levert H-000001 hier kiezen 99950,01 punten op: het plan is toelaatbaar maar niet bewezen optimaal \(de solver bereikte zijn tijdslimiet, relatieve marge 0,5\)\. De woonconsulent kan de voorkeur geven aan H-000001\.$/,
    ],
    [
      'a plan the solver stopped with an error: not proven best',
      () => ({ prepared: atCap(100_000), solution: solvedAs(atCap(100_000), new Int32Array([-1]), { status: 'ERROR' }) }),
      (plan: AllocationPlan) => plan.proposals[0].summary,
      /: the plan is ERROR, not proven the best\. The officer may prefer H-000001\.$/,
      /: het plan is toelaatbaar maar niet bewezen optimaal \(de solver stopte met een fout\)\. De woonconsulent kan de voorkeur geven aan H-000001\.$/,
    ],
    [
      'a move that passes over an urgent household',
      () => ({ prepared: urgentProtected(), solution: solvedAs(urgentProtected(), planOf(urgentProtected(), [1, 2])) }),
      (plan: AllocationPlan) => plan.proposals[1].plainOrderPassedOver!.reasons[0].text,
      'H-000001 is allocated VAC-1 in the same plan (rank 1 there), so VAC-2 goes to the next candidate in line for it. ' +
        'Moving H-000001 here breaks a hard rule: urgent household H-000002 (rank 2) is passed over for vacancy VAC-1 and not housed.',
      'H-000001 krijgt in hetzelfde plan woning VAC-1 (daar plaats 1), dus VAC-2 gaat naar de volgende kandidaat op volgorde. ' +
        'H-000001 hier verplaatsen breekt een harde regel: urgent huishouden H-000002 (plaats 2) wordt bij woning VAC-1 overgeslagen en krijgt geen woning.',
    ],
    [
      'an alternative chosen below an urgent household',
      () => ({ prepared: urgentProtected(), solution: solvedAs(urgentProtected(), planOf(urgentProtected(), [1, 2])) }),
      (plan: AllocationPlan) => plan.proposals[1].alternatives.find((a) => a.householdReference === 'H-000003')!.jointNote!,
      'With the rest of the plan fixed, H-000003 scores 30 points more here than the proposed household. ' +
        'Choosing H-000003 here breaks a hard rule: urgent household H-000002 (rank 2) is passed over for vacancy VAC-2 and not housed.',
      'Als de rest van het plan vast ligt, scoort H-000003 hier 30 punten meer dan het voorgestelde huishouden. ' +
        'H-000003 hier kiezen breekt een harde regel: urgent huishouden H-000002 (plaats 2) wordt bij woning VAC-2 overgeslagen en krijgt geen woning.',
    ],
    [
      'an alternative that would break a hard quota',
      () => ({ prepared: hardQuotaPassedOver(), solution: solvedAs(hardQuotaPassedOver(), planOf(hardQuotaPassedOver(), [2])) }),
      (plan: AllocationPlan) => plan.proposals[0].alternatives[0].jointNote!,
      'With the rest of the plan fixed, H-000001 scores 10 points more here than the proposed household. ' +
        'Choosing H-000001 here breaks a hard rule: hard row quota_ASSOCIATION_DAEB_TARGET_GROUP is broken.',
      'Als de rest van het plan vast ligt, scoort H-000001 hier 10 punten meer dan het voorgestelde huishouden. H-000001 hier kiezen breekt een harde regel: ' +
        'het harde quotum ASSOCIATION:DAEB_TARGET_GROUP (aandeel sociale huurwoningen (DAEB) verhuurd aan de DAEB-doelgroep) wordt gebroken.',
    ],
    [
      'the tie-break in a whole-plan comparison: a decimal comma in Dutch',
      () => ({ prepared: twoComplexes(), solution: solvedAs(twoComplexes(), new Int32Array([0, 3])) }),
      (plan: AllocationPlan) => plan.proposals[1].plainOrderPassedOver!.reasons[0].text,
      /here costs 100 points in the plan as a whole: plain-order tie-break -0\.0004; the VULNERABLE_MAX target of CPX-1 \(vulnerable households\) -100; VAC-1 goes to H-000002 \(rank 2\) instead\.$/,
      /hier verplaatsen kost 100 punten in het plan als geheel: beslissing bij gelijke stand \(gewone volgorde\) -0,0004; het doel VULNERABLE_MAX van CPX-1 \(vulnerable households\) -100; VAC-1 gaat dan naar H-000002 \(plaats 2\)\.$/,
    ],
    [
      // the words this case had before the plan's words were per language ("the X row", not "the hard X row")
      'a hard row other than a quota the plain-order candidate would break',
      () => ({ prepared: hardCompositionRow(2), solution: solvedAs(hardCompositionRow(2), planOf(hardCompositionRow(2), [2])) }),
      plain,
      'With H-000001 the vulnerable households row would be broken. The policy enforces it as a hard limit (quotas.enforcement HARD), so H-000001 cannot be chosen here.',
      'Met H-000001 zou de harde grens voor vulnerable households worden overschreden. Het beleid handhaaft dit als harde grens (quotas.enforcement HARD), dus H-000001 kan hier niet worden gekozen.',
    ],
    [
      'a hard row other than a quota every candidate would break',
      () => ({ prepared: hardCompositionRow(3), solution: solvedAs(hardCompositionRow(3), planOf(hardCompositionRow(3), [null])) }),
      (plan: AllocationPlan) => plan.proposals[0].summary,
      'Vacancy VAC-1 stays empty in this plan: each of its 2 candidates would break a hard rule. With H-000001 or H-000003 the hard VULNERABLE_MAX row would be broken.',
      'Woning VAC-1 blijft leeg in dit plan: elk van de 2 kandidaten zou een harde regel breken. Met H-000001 of H-000003 zou de harde regel VULNERABLE_MAX worden gebroken.',
    ],
  ] as const)('%s', (_case, make, pick, english, dutch) => {
    const { prepared, solution } = make();
    const inEnglish = pick(explainPlan(prepared, solution, []));
    const inDutch = pick(explainPlan(prepared, solution, [], 'nl'));
    if (typeof english === 'string') expect(inEnglish).toBe(english);
    else expect(inEnglish).toMatch(english);
    if (typeof dutch === 'string') expect(inDutch).toBe(dutch);
    else expect(inDutch).toMatch(dutch);
    expect(inDutch.replace(/vulnerable households/g, '«label»')).not.toMatch(/\b(TIME_LIMIT|ERROR|urgent household|rank|hard row|is broken|the)\b|\d\.\d/);
  });
});
