/**
 * The layout of the demo region at 'large' scale (issue 18): Demostad (GM9001) with its fixed buurten
 * and complexes, and four fictional neighbouring municipalities generated around it, buurt by buurt
 * and complex by complex. Only the layout (municipalities, buurten, complexes) lives here; the homes,
 * households, tenancies and vacancies inside it are drawn by generate-demo.ts, as at demo scale.
 *
 * Pure: no I/O, no clock, no Math.random(); the same random stream always gives the same layout.
 * Everything here is fictional demo modelling (names marked "Demo", codes in the unused GM90xx range).
 */
import { SeededRandom } from '../engine/common/seeded-random.js';

export type ResilienceClass = 1 | 2 | 3 | 4 | 5;

export interface BuurtSpec {
  code: string;
  name: string;
  resilienceClass: ResilienceClass;
  pc4: number;
  /** GM code; absent for the demo's own buurten (Demostad, GM9001). */
  municipalityCode?: string;
}

export const COMPLEX_KINDS = ['PORTIEK', 'GALERIJ', 'SENIOR', 'FAMILY', 'YOUTH', 'NEWBUILD'] as const;
export type ComplexKind = (typeof COMPLEX_KINDS)[number];

export interface ComplexSpec {
  code: string;
  name: string;
  street: string;
  buurtCode: string;
  kind: ComplexKind;
  size: number;
  buildYear: number;
  seniorLabel?: 'SENIOR_55' | 'SENIOR_65';
  isCase?: boolean;
}

export interface MunicipalitySpec {
  code: string;
  name: string;
}

export interface RegionLayout {
  municipalities: readonly MunicipalitySpec[];
  buurten: readonly BuurtSpec[];
  complexes: readonly ComplexSpec[];
}

// ---------------------------------------------------------------------------------------------------
// Sizes of the large region (issue 18). Exported so tests, the seeder and the bench can refer to them.

/** Municipalities of the large region: Demostad and four fictional neighbours. */
export const LARGE_MUNICIPALITIES: readonly MunicipalitySpec[] = [
  { code: 'GM9001', name: 'Demostad' },
  { code: 'GM9002', name: 'Demohaven' },
  { code: 'GM9003', name: 'Demoveen' },
  { code: 'GM9004', name: 'Demodijk' },
  { code: 'GM9005', name: 'Demobroek' },
];
/** Generated buurten per neighbouring municipality (GM9002..GM9005); with Demostad's 12: 150 in all. */
const GENERATED_BUURTEN_PER_MUNICIPALITY = [48, 38, 30, 22] as const;
export const LARGE_BUURT_COUNT = 12 + GENERATED_BUURTEN_PER_MUNICIPALITY.reduce((s, n) => s + n, 0);
/** Complexes in the region, Demostad's 25 included. */
export const LARGE_COMPLEX_COUNT = 600;
/** Target stock of the region: the generated complexes' sizes are scaled to it (homes then vary by about 1%). */
export const LARGE_DWELLING_TARGET = 50_000;
/** Households on the regional waiting list. */
export const LARGE_APPLICANT_COUNT = 150_000;
/** Open vacancies by route: 500 advertised to all (470 regular, 30 urgency) and 20 by lottery. */
export const LARGE_REGULAR_VACANCY_COUNT = 470;
export const LARGE_URGENCY_VACANCY_COUNT = 30;
export const LARGE_LOTTERY_VACANCY_COUNT = 20;
export const LARGE_OPEN_VACANCY_COUNT = LARGE_REGULAR_VACANCY_COUNT + LARGE_URGENCY_VACANCY_COUNT + LARGE_LOTTERY_VACANCY_COUNT;
/**
 * Mean respondents per advert in the large region (regio Amsterdam orders of magnitude, issue 18):
 * about 270 on a regular advert and over 1,000 on a lottery dwelling.
 */
export const LARGE_MEAN_RESPONDENTS_REGULAR = 270;
export const LARGE_MEAN_RESPONDENTS_LOTTERY = 1_100;

// ---------------------------------------------------------------------------------------------------
// Word lists for names (fictional; Dutch street-name patterns)

const BUURT_PREFIXES = ['Noorder', 'Ooster', 'Zuider', 'Wester', 'Hoog', 'Laag', 'Oud', 'Nieuw', 'Groen', 'Midden', 'Boven', 'Beneden'];
const BUURT_NOUNS = ['veld', 'park', 'kwartier', 'hof', 'dijk', 'kamp', 'weide', 'enk', 'broek', 'akker', 'haven', 'poort', 'bos', 'hoek', 'wijk'];

/** Stems of street names, by theme (comma-separated: some stems are two words). */
const STREET_STEMS: readonly string[] = [
  // birds
  ...words('Merel, Lijster, Spreeuw, Vink, Mees, Zwaluw, Kievit, Reiger, Valk, Uilen, Specht, Wielewaal, Roodborst, Gorz, Kwartel'),
  // flowers
  ...words('Tulp, Narcis, Krokus, Hyacint, Iris, Lelie, Anjer, Dahlia, Violier, Klaproos, Zonnebloem, Goudsbloem, Akelei, Boterbloem'),
  // trees
  ...words('Eiken, Beuken, Berken, Elzen, Essen, Iepen, Wilgen, Populieren, Kastanje, Acacia, Platanen, Esdoorn, Hazelaar, Meidoorn'),
  // trades
  ...words('Smids, Bakkers, Molenaars, Kuipers, Wevers, Timmermans, Vissers, Schippers, Touwslagers, Pottenbakkers, Ververs, Leerlooiers'),
  // painters and writers
  ...words(
    'Rembrandt, Vermeer, Frans Hals, Jan Steen, Mondriaan, Breitner, Bosboom, Ruisdael, Hobbema, Potter, Vondel, Bredero, Multatuli, Hooft, Huygens, Cats, Bilderdijk, Couperus',
  ),
  // waters and landscape
  ...words('Beek, Vaart, Sloot, Wetering, Duin, Heuvel, Akker, Weide, Polder, Gaarden'),
];
const STREET_SUFFIXES = ['straat', 'laan', 'weg', 'hof', 'plein', 'kade', 'singel', 'pad', 'dreef', 'erf', 'park', 'plantsoen'];
/** Names of complexes by kind: the street's stem with a word that suits the building. */
const COMPLEX_NAME_WORDS: Record<ComplexKind, readonly string[]> = {
  PORTIEK: ['blok', 'flat', 'huizen'],
  GALERIJ: ['flat', 'toren', 'galerij'],
  SENIOR: ['hof', 'staete', 'hoeve'],
  FAMILY: ['buurt', 'hof', 'rijen'],
  YOUTH: ['studio', 'huis'],
  NEWBUILD: ['poort', 'staete', 'park'],
};

// ---------------------------------------------------------------------------------------------------
// Complex profiles of the generated part: mix, sizes and build years (demo modelling, by hand)

interface KindPlan {
  /** Relative frequency in buurten of resilience class 1-2, 3, and 4-5. */
  weight: readonly [number, number, number];
  size: readonly [number, number];
  buildYears: readonly [number, number];
}

const KIND_PLANS: Record<ComplexKind, KindPlan> = {
  // post-war walk-ups and gallery flats concentrate in the weaker buurten
  PORTIEK: { weight: [0.32, 0.22, 0.12], size: [32, 120], buildYears: [1950, 1968] },
  GALERIJ: { weight: [0.24, 0.16, 0.08], size: [60, 180], buildYears: [1962, 1982] },
  SENIOR: { weight: [0.1, 0.12, 0.14], size: [30, 100], buildYears: [1980, 2015] },
  FAMILY: { weight: [0.22, 0.3, 0.36], size: [30, 140], buildYears: [1950, 2012] },
  YOUTH: { weight: [0.06, 0.06, 0.06], size: [24, 100], buildYears: [2000, 2022] },
  NEWBUILD: { weight: [0.06, 0.14, 0.24], size: [40, 130], buildYears: [2012, 2025] },
};

/** Resilience classes of a generated buurt, spread like a real city: mostly 3-4, a few weak buurten. */
const CLASS_WEIGHTS: ReadonlyArray<readonly [ResilienceClass, number]> = [
  [1, 0.05],
  [2, 0.13],
  [3, 0.37],
  [4, 0.3],
  [5, 0.15],
];

/**
 * The large region: Demostad's own buurten and complexes (`core`, kept as they are, first) and four
 * generated municipalities around it. Buurt codes are CBS-style (BU + gemeente + wijk + buurt), each
 * municipality's buurten grouped in wijken of 3 to 6; complexes are spread over the buurten (every
 * buurt at least one, weaker buurten more: social stock concentrates there), with unique streets.
 */
export function planLargeRegion(rng: SeededRandom, core: { buurten: readonly BuurtSpec[]; complexes: readonly ComplexSpec[] }): RegionLayout {
  const buurten: BuurtSpec[] = [...core.buurten];
  const generated: BuurtSpec[] = [];
  GENERATED_BUURTEN_PER_MUNICIPALITY.forEach((count, m) => {
    const municipality = LARGE_MUNICIPALITIES[m + 1];
    const gemeente = municipality.code.slice(2);
    const names = rng.sample(
      BUURT_PREFIXES.flatMap((p) => BUURT_NOUNS.map((n) => p + n)),
      count,
    );
    let wijk = 0;
    let inWijk = Infinity;
    let wijkSize = 0;
    for (let i = 0; i < count; i += 1) {
      if (inWijk >= wijkSize) {
        wijk += 1;
        inWijk = 0;
        wijkSize = rng.int(3, 6);
      }
      const buurt: BuurtSpec = {
        code: `BU${gemeente}${pad(wijk, 2)}${pad(inWijk, 2)}`,
        name: names[i],
        resilienceClass: rng.weighted(CLASS_WEIGHTS),
        // one postcode area (PC4) per buurt, in the 9200-9599 range (Demostad has 91xx)
        pc4: 9100 + (m + 1) * 100 + i,
        municipalityCode: municipality.code,
      };
      inWijk += 1;
      generated.push(buurt);
    }
  });
  buurten.push(...generated);

  const usedStreets = new Set(core.complexes.map((c) => c.street));
  const streets = rng
    .shuffle(STREET_STEMS.flatMap((stem) => STREET_SUFFIXES.map((suffix) => ({ stem, street: streetName(stem, suffix) }))))
    .filter((s) => !usedStreets.has(s.street));
  const generatedCount = LARGE_COMPLEX_COUNT - core.complexes.length;
  if (streets.length < generatedCount) throw new RangeError(`street word list too small: ${streets.length} < ${generatedCount}`);

  // every buurt one complex, the rest weighted to the weaker buurten
  const byWeakness = generated.map((b) => [b, 7 - b.resilienceClass] as const);
  const homes = [...generated];
  for (let i = generated.length; i < generatedCount; i += 1) homes.push(rng.weighted(byWeakness));
  const perMunicipality = new Map<string, number>();
  const usedNames = new Set(core.complexes.map((c) => c.name));
  const complexes: ComplexSpec[] = [...core.complexes];
  // buurten in code order, so each municipality's complexes are numbered along its buurten
  homes.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  homes.forEach((buurt, i) => {
    const band = buurt.resilienceClass <= 2 ? 0 : buurt.resilienceClass === 3 ? 1 : 2;
    const kind = rng.weighted(COMPLEX_KINDS.map((k) => [k, KIND_PLANS[k].weight[band]] as const));
    const plan = KIND_PLANS[kind];
    const { stem, street } = streets[i];
    let name = stem + rng.pick(COMPLEX_NAME_WORDS[kind]);
    if (usedNames.has(name)) name = street;
    usedNames.add(name);
    const n = (perMunicipality.get(buurt.municipalityCode!) ?? 0) + 1;
    perMunicipality.set(buurt.municipalityCode!, n);
    const seniorLabel: ComplexSpec['seniorLabel'] =
      kind === 'SENIOR' ? (rng.bool(0.65) ? 'SENIOR_65' : 'SENIOR_55') : kind === 'GALERIJ' && rng.bool(0.2) ? 'SENIOR_55' : undefined;
    const spec: ComplexSpec = {
      code: `CPX-${buurt.municipalityCode!.slice(2)}-${pad(n, 3)}`,
      name,
      street,
      buurtCode: buurt.code,
      kind,
      size: rng.int(plan.size[0], plan.size[1]),
      buildYear: rng.int(plan.buildYears[0], plan.buildYears[1]),
    };
    if (seniorLabel) spec.seniorLabel = seniorLabel;
    complexes.push(spec);
  });
  // scale the drawn sizes so that the region's stock comes out at the target (each within 20..200)
  const coreStock = core.complexes.reduce((s, c) => s + c.size, 0);
  const drawn = complexes.reduce((s, c, i) => (i < core.complexes.length ? s : s + c.size), 0);
  const factor = (LARGE_DWELLING_TARGET - coreStock) / drawn;
  for (let i = core.complexes.length; i < complexes.length; i += 1) complexes[i].size = clamp(Math.round(complexes[i].size * factor), 20, 200);
  return { municipalities: LARGE_MUNICIPALITIES, buurten, complexes };
}

/** "Frans Hals" + "straat" = "Frans Halsstraat"; "Uilen" + "pad" = "Uilenpad". */
function streetName(stem: string, suffix: string): string {
  return stem + suffix;
}

function words(list: string): string[] {
  return list.split(', ');
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
