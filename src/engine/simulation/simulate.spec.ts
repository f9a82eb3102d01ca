import { SeededRandom } from '../common/seeded-random.js';
import { DEFAULT_COMPOSITION_POLICY } from '../allocation/composition-policy.js';
import { seriesChartSvg } from './chart.js';
import { SimulationApplicant, SimulationInput, simulateRuns } from './simulate.js';
import { summarise } from './summarise.js';

const PLAIN = { name: 'plain order', policy: { ...DEFAULT_COMPOSITION_POLICY, id: 'PLAIN', defaultsByResilienceClass: {}, complexOverrides: {} } };
const DIFFERENTIATED = { name: 'DEFAULT v1', policy: DEFAULT_COMPOSITION_POLICY };

function categories(vulnerable: boolean, work: boolean) {
  return {
    HOUSEHOLD_TYPE: 'SINGLE',
    AGE_BAND: 'AGE_35_54',
    INCOME_BAND: 'WITHIN_PASSEND_LIMIT',
    INCOME_SOURCE: work ? 'WORK' : 'BENEFIT',
    VULNERABILITY: vulnerable ? 'VULNERABLE' : 'NOT_VULNERABLE',
  } as const;
}

/** A class-1 complex of 20 homes, half vulnerable; applicants registered longest are more often vulnerable. */
function input(over: Partial<SimulationInput> = {}): SimulationInput {
  const rng = new SeededRandom(7);
  const applicants: SimulationApplicant[] = Array.from({ length: 300 }, (_, i) => {
    const waitDays = 4000 - i * 12;
    const vulnerable = rng.bool(i < 100 ? 0.6 : 0.2);
    return {
      id: i + 1,
      reference: `A-${i + 1}`,
      waitDays,
      urgent: false,
      priorityTier: 0,
      categories: categories(vulnerable, !vulnerable),
      countsAs: ['daebInTargetGroup'],
    };
  });
  return {
    complex: { id: 1, reference: 'CASE', resilienceClass: 1, dwellingCount: 20 },
    tenants: Array.from({ length: 20 }, (_, i) => ({ categories: categories(i < 10, i >= 10) })),
    applicants,
    respondentsPerVacancy: 25,
    applicantMix: null,
    acceptance: null,
    turnoverByHouseholdType: { SINGLE: 0.15 },
    policies: [PLAIN, DIFFERENTIATED],
    route: 'REGULAR',
    horizonYears: 6,
    startDate: '2026-03-02',
    seed: 42,
    ...over,
  };
}

const run = async (i: SimulationInput, runs = 30) => summarise(i, await simulateRuns(i, 0, runs));
const vulnerableEnd = (s: Awaited<ReturnType<typeof run>>, policy: string) =>
  s.series.find((p) => p.policy === policy && p.seriesId === 'VULNERABILITY:VULNERABLE' && p.year === s.years)!;

describe('simulateRuns + summarise', () => {
  it('gives the same results for the same seed, and others for another seed', async () => {
    const a = await run(input());
    expect(JSON.stringify(await run(input()))).toBe(JSON.stringify(a));
    expect(JSON.stringify(await run(input({ seed: 43 })))).not.toBe(JSON.stringify(a));
  });

  it('keeps the plain order above the vulnerable cap while the differentiated policy brings the complex inside its band, at a price in registration time', async () => {
    const s = await run(input());
    expect(vulnerableEnd(s, 'plain order').meanBasisPoints).toBeGreaterThan(3000);
    expect(vulnerableEnd(s, 'DEFAULT v1').meanBasisPoints).toBeLessThanOrEqual(3000);
    const band = s.bands.find((b) => b.targetId === 'VULNERABLE_MAX')!;
    expect(band).toMatchObject({ bound: 'MAX', basisPoints: 3000, setBy: 'DEFAULT v1' });
    const [plain, diff] = band.perPolicy;
    expect(plain.yearsOutside).toBeGreaterThan(diff.yearsOutside);
    expect(diff.firstYearInside).not.toBeNull();
    const price = Object.fromEntries(s.prices.map((p) => [p.policy, p]));
    expect(price['plain order']).toMatchObject({ deviatedShareBasisPoints: 0, registrationTimeGivenUpYears: 0 });
    expect(price['DEFAULT v1'].deviatedShareBasisPoints).toBeGreaterThan(0);
    expect(price['DEFAULT v1'].registrationTimeGivenUpYears).toBeGreaterThan(0);
    expect(price['DEFAULT v1'].meanChosenWaitYears).toBeLessThan(price['DEFAULT v1'].meanPlainOrderWaitYears);
  });

  it('allocates nothing when nobody moves out: the shares stay as they are', async () => {
    const s = await run(input({ turnoverByHouseholdType: { SINGLE: 0 } }), 5);
    expect(s.prices.every((p) => p.allocationsPerRun === 0)).toBe(true);
    expect(vulnerableEnd(s, 'plain order')).toMatchObject({ meanBasisPoints: 5000, p10BasisPoints: 5000, p90BasisPoints: 5000 });
  });

  it('gives the same results whether or not respondents beyond the displacement bound are left out (exact pruning)', async () => {
    const base = input();
    // urgent households among them too: they keep their priority, also when left out beyond the bound
    const i = { ...base, applicants: base.applicants.map((a) => ({ ...a, urgent: a.id % 7 === 3 })) };
    const pruned = summarise(i, await simulateRuns(i, 0, 8));
    const full = summarise(i, await simulateRuns(i, 0, 8, undefined, { pruneToBound: false }));
    expect(JSON.stringify(pruned)).toBe(JSON.stringify(full));
  });

  it("draws respondents in a given mix instead of the pool's own", async () => {
    const allVulnerable = await run(input({ applicantMix: { dimension: 'VULNERABILITY', shares: { VULNERABLE: 1, NOT_VULNERABLE: 0 } } }), 10);
    const noneVulnerable = await run(input({ applicantMix: { dimension: 'VULNERABILITY', shares: { VULNERABLE: 0, NOT_VULNERABLE: 1 } } }), 10);
    expect(vulnerableEnd(allVulnerable, 'plain order').meanBasisPoints).toBeGreaterThan(vulnerableEnd(noneVulnerable, 'plain order').meanBasisPoints);
    expect(vulnerableEnd(noneVulnerable, 'DEFAULT v1').meanBasisPoints).toBeLessThan(5000);
    // every newcomer is vulnerable: whatever the policy, the share can only rise
    expect(vulnerableEnd(allVulnerable, 'DEFAULT v1').meanBasisPoints).toBeGreaterThanOrEqual(5000);
  });

  it('offers the home to the next household when one declines, as a live allocation does', async () => {
    const everyoneAccepts = await run(input(), 10);
    expect(everyoneAccepts.prices.every((p) => p.offersPerAllocation === 1)).toBe(true);
    // households without support needs never accept: only vulnerable ones move in, after declined offers
    const decline = input({ acceptance: { dimension: 'VULNERABILITY', rates: { NOT_VULNERABLE: 0, VULNERABLE: 1 } } });
    const s = await run(decline, 10);
    for (const policy of ['plain order', 'DEFAULT v1']) {
      expect(vulnerableEnd(s, policy).meanBasisPoints).toBeGreaterThanOrEqual(5000);
      expect(s.prices.find((p) => p.policy === policy)!.offersPerAllocation).toBeGreaterThan(1);
    }
    // a category without a rate accepts; the same seed gives the same results
    const partial = input({ acceptance: { dimension: 'VULNERABILITY', rates: { VULNERABLE: 1 } } });
    expect((await run(partial, 5)).prices.every((p) => p.offersPerAllocation === 1)).toBe(true);
    expect(JSON.stringify(await run(decline, 5))).toBe(JSON.stringify(await run(decline, 5)));
  });

  it('prunes exactly also when offers are declined (the decliner leaves, the window moves down)', async () => {
    const i = input({ acceptance: { dimension: 'VULNERABILITY', rates: { NOT_VULNERABLE: 0.3, VULNERABLE: 0.9 } } });
    const pruned = summarise(i, await simulateRuns(i, 0, 8));
    const full = summarise(i, await simulateRuns(i, 0, 8, undefined, { pruneToBound: false }));
    expect(JSON.stringify(pruned)).toBe(JSON.stringify(full));
  });

  it('draws a self-contained SVG chart: one line and band per policy, and the target band', async () => {
    const svg = seriesChartSvg(await run(input(), 10), 'VULNERABILITY:VULNERABLE', 'Vulnerable households in CASE');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<polygon /g)).toHaveLength(2);
    expect(svg).toContain('target ≤ 30% (DEFAULT v1)');
    expect(svg).toContain('waiting-list order kept'); // the plain order's price
    expect(svg).toMatch(/price: \d+\.\d yr registration given up, \d+% deviated/);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|href|<script/);
  });
});
