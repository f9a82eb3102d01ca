import { withholdProposal } from '../privacy/withhold-plan.js';
import { buildAllocationModel } from './build-allocation-model.js';
import { AllocationPlan, explainPlan } from './explain-plan.js';
import { capAwareGreedy, plainOrderGreedy } from './greedy-baselines.js';
import { planPrepared } from './plan-allocation.js';
import { PreparedAllocation, prepareAllocation } from './prepare-allocation.js';
import { AllocationSolution } from './solve-allocation.js';
import { aComplex, aHousehold, aPair, aPolicy, aVacancy, anAssociationScope, anInput, vulnerable } from './test-fixtures/allocation-input.builder.js';
import { ScriptedSolver, exactAnswer } from './test-fixtures/fake-solver.js';
import { solvedAs } from './test-fixtures/plan-of.js';

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
  ['a hard quota every candidate would break', async () => ({ prepared: hardQuota(), solution: await solved(hardQuota()) })],
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
