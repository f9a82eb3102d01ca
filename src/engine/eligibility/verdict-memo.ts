import { deepFreeze, isDeeplyFrozen } from '../common/deep-freeze.js';
import { HouseholdFacts } from '../model.js';
import { EligibilityInput } from './eligibility-input.js';
import { Verdict, evaluateEligibilityForPool } from './evaluate-eligibility.js';

/**
 * Verdicts remembered by what they are computed from: a verdict is a pure function of the household's
 * facts and the shared input (dwelling, municipality, route, date, parameters, local policy, flags),
 * so the key is the JSON text of exactly those values. A hit needs the same text, so it is exact:
 * a changed income, member, urgency, rent or policy is another key. Bounded: the least recently used
 * shared inputs go first when more than `maxVerdicts` verdicts are held.
 *
 * Why: a proposal judges every respondent (2,000 in the benchmark) and an officer asks again and
 * again for the same vacancy while the facts stay the same (npm run bench: proposal_2000_graphql).
 * Verdicts handed out are frozen: callers share them.
 */
export class VerdictMemo {
  private readonly byShared = new Map<string, Map<string, Verdict>>();
  private held = 0;
  /** Keys of facts that cannot change (the service's facts cache hands out deeply frozen facts). */
  private readonly keyOfFrozen = new WeakMap<object, string>();

  constructor(private readonly maxVerdicts: number) {
    if (!Number.isSafeInteger(maxVerdicts) || maxVerdicts < 0) throw new RangeError(`maxVerdicts must be a whole number from 0, not ${maxVerdicts}`);
  }

  get size(): number {
    return this.held;
  }

  /** As evaluateEligibilityForPool, the households not seen with this shared input judged now. */
  judgePool(shared: Omit<EligibilityInput, 'household'>, households: readonly HouseholdFacts[]): Verdict[] {
    const sharedKey = plainJson(shared);
    const known = this.byShared.get(sharedKey) ?? new Map<string, Verdict>();
    // most recently used last (Map keeps insertion order)
    this.byShared.delete(sharedKey);
    this.byShared.set(sharedKey, known);
    const keys = households.map((h) => this.keyOf(h));
    const missing: number[] = [];
    for (let i = 0; i < households.length; i += 1) if (!known.has(keys[i])) missing.push(i);
    const fresh = evaluateEligibilityForPool(
      shared,
      missing.map((i) => households[i]),
    );
    missing.forEach((i, k) => {
      if (!known.has(keys[i])) this.held += 1;
      known.set(keys[i], deepFreeze(fresh[k]));
    });
    const verdicts = keys.map((k) => known.get(k)!);
    this.evict();
    return verdicts;
  }

  /** HouseholdFacts is plain data (model.ts): JSON.stringify is its whole content. */
  private keyOf(household: HouseholdFacts): string {
    if (!isDeeplyFrozen(household)) return JSON.stringify(household);
    let key = this.keyOfFrozen.get(household);
    if (key === undefined) this.keyOfFrozen.set(household, (key = JSON.stringify(household)));
    return key;
  }

  private evict(): void {
    for (const [key, verdicts] of this.byShared) {
      if (this.held <= this.maxVerdicts) return;
      this.byShared.delete(key);
      this.held -= verdicts.size;
    }
  }
}

/** JSON text of plain data; refuses what JSON would silently drop or flatten (a Map, a Set, a function). */
function plainJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'function' || v instanceof Map || v instanceof Set) throw new TypeError(`VerdictMemo: ${key || 'the shared input'} is not plain data`);
    return v;
  });
}
