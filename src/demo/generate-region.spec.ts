import { SeededRandom } from '../engine/common/seeded-random.js';
import {
  BuurtSpec,
  ComplexSpec,
  LARGE_BUURT_COUNT,
  LARGE_COMPLEX_COUNT,
  LARGE_DWELLING_TARGET,
  LARGE_MUNICIPALITIES,
  planLargeRegion,
} from './generate-region.js';

// A stand-in for Demostad's fixed layout (generate-demo.ts keeps the real one): two buurten, three complexes.
const CORE_BUURTEN: BuurtSpec[] = [
  { code: 'BU90010100', name: 'Centrum', resilienceClass: 3, pc4: 9101 },
  { code: 'BU90010200', name: 'Rozenwijk', resilienceClass: 1, pc4: 9111 },
];
const CORE_COMPLEXES: ComplexSpec[] = [
  { code: 'CPX-01', name: 'De Spoorzoom', street: 'Spoorzoom', buurtCode: 'BU90010100', kind: 'NEWBUILD', size: 90, buildYear: 2019 },
  { code: 'CPX-02', name: 'Merelhof', street: 'Merelhof', buurtCode: 'BU90010100', kind: 'SENIOR', size: 70, buildYear: 1990, seniorLabel: 'SENIOR_65' },
  { code: 'CPX-CASE', name: 'Rozenhof', street: 'Rozenhof', buurtCode: 'BU90010200', kind: 'PORTIEK', size: 40, buildYear: 1963, isCase: true },
];
const core = { buurten: CORE_BUURTEN, complexes: CORE_COMPLEXES };

function plan(seed: number) {
  return planLargeRegion(new SeededRandom(seed).fork('region'), core);
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

describe('planLargeRegion', () => {
  it('is reproducible by seed and differs between seeds', () => {
    expect(JSON.stringify(plan(3))).toBe(JSON.stringify(plan(3)));
    expect(plan(4).complexes.map((c) => c.street)).not.toEqual(plan(3).complexes.map((c) => c.street));
  });

  describe.each([1, 2, 20260301])('for seed %p', (seed) => {
    const sut = plan(seed);
    const generatedBuurten = sut.buurten.slice(CORE_BUURTEN.length);
    const buurtByCode = new Map(sut.buurten.map((b) => [b.code, b]));

    it('keeps the core first and unchanged', () => {
      expect(sut.buurten.slice(0, CORE_BUURTEN.length)).toEqual(CORE_BUURTEN);
      expect(sut.complexes.slice(0, CORE_COMPLEXES.length)).toEqual(CORE_COMPLEXES);
      expect(sut.complexes.filter((c) => c.isCase)).toEqual([CORE_COMPLEXES[2]]);
    });

    it('has five municipalities, the generated buurten and complexes up to the region sizes', () => {
      expect(sut.municipalities).toEqual(LARGE_MUNICIPALITIES);
      expect(generatedBuurten).toHaveLength(LARGE_BUURT_COUNT - 12); // Demostad has 12 buurten of its own
      expect(sut.complexes).toHaveLength(LARGE_COMPLEX_COUNT);
      const byMunicipality = new Set(generatedBuurten.map((b) => b.municipalityCode));
      expect(byMunicipality).toEqual(new Set(LARGE_MUNICIPALITIES.slice(1).map((m) => m.code)));
    });

    it('gives CBS-style buurt codes within the municipality, grouped in wijken of 3 to 6, and a postcode area each', () => {
      const bad = generatedBuurten.filter((b) => !/^BU\d{8}$/.test(b.code) || b.code.slice(2, 6) !== b.municipalityCode!.slice(2));
      expect(bad).toEqual([]);
      expect(duplicates(sut.buurten.map((b) => b.code))).toEqual([]);
      expect(duplicates(sut.buurten.map((b) => `${b.pc4}`))).toEqual([]);
      expect(sut.buurten.every((b) => b.pc4 >= 1000 && b.pc4 <= 9999)).toBe(true);
      const wijkSizes = new Map<string, number>();
      for (const b of generatedBuurten) wijkSizes.set(b.code.slice(0, 8), (wijkSizes.get(b.code.slice(0, 8)) ?? 0) + 1);
      // wijken of at most 6 (the last of a municipality may be smaller than 3: it takes what is left)
      expect([...wijkSizes.values()].filter((n) => n > 6)).toEqual([]);
    });

    it('spreads resilience classes like a real city, with a few weak buurten', () => {
      const share = (pred: (b: BuurtSpec) => boolean) => generatedBuurten.filter(pred).length / generatedBuurten.length;
      expect(share((b) => b.resilienceClass === 1)).toBeGreaterThan(0.01);
      expect(share((b) => b.resilienceClass === 1)).toBeLessThan(0.12);
      expect(share((b) => b.resilienceClass >= 3 && b.resilienceClass <= 4)).toBeGreaterThan(0.5);
    });

    it('puts every generated buurt at least one complex, more in weaker buurten, all in existing buurten', () => {
      const perBuurt = new Map<string, number>();
      for (const c of sut.complexes) perBuurt.set(c.buurtCode, (perBuurt.get(c.buurtCode) ?? 0) + 1);
      expect(sut.complexes.filter((c) => !buurtByCode.has(c.buurtCode))).toEqual([]);
      expect(generatedBuurten.filter((b) => !perBuurt.has(b.code))).toEqual([]);
      const meanFor = (pred: (b: BuurtSpec) => boolean) => {
        const sel = generatedBuurten.filter(pred);
        return sel.reduce((s, b) => s + perBuurt.get(b.code)!, 0) / sel.length;
      };
      expect(meanFor((b) => b.resilienceClass <= 2)).toBeGreaterThan(meanFor((b) => b.resilienceClass >= 4));
    });

    it('gives complexes unique codes and streets, plausible sizes and build years, and senior labels where they fit', () => {
      const generated = sut.complexes.slice(CORE_COMPLEXES.length);
      expect(duplicates(sut.complexes.map((c) => c.code))).toEqual([]);
      expect(duplicates(sut.complexes.map((c) => c.street))).toEqual([]);
      expect(
        generated.filter((c) => !/^CPX-\d{4}-\d{3}$/.test(c.code) || c.code.slice(4, 8) !== buurtByCode.get(c.buurtCode)!.municipalityCode!.slice(2)),
      ).toEqual([]);
      expect(generated.filter((c) => c.size < 20 || c.size > 200 || c.buildYear < 1950 || c.buildYear > 2025)).toEqual([]);
      expect(generated.filter((c) => c.seniorLabel !== undefined && c.kind !== 'SENIOR' && c.kind !== 'GALERIJ')).toEqual([]);
      expect(generated.filter((c) => c.kind === 'SENIOR' && c.seniorLabel === undefined)).toEqual([]);
      expect(new Set(generated.map((c) => c.kind)).size).toBe(6);
      // sizes scaled so that the stock meets the target (rounding and the 20..200 bounds aside)
      const stock = sut.complexes.reduce((s, c) => s + c.size, 0);
      expect(stock).toBeGreaterThan(0.99 * LARGE_DWELLING_TARGET);
      expect(stock).toBeLessThan(1.01 * LARGE_DWELLING_TARGET);
    });
  });
});
