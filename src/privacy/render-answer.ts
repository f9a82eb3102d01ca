import { householdIdMention, householdMention, mentionedIds } from '../engine/privacy/household-mention.js';
import { statesSpecialCategoryFacts, withoutSpecialCategoryFacts } from '../engine/privacy/special-category.js';

/**
 * Walks an answer (GraphQL data, JSON held in strings) and rewrites its strings. Pure: the
 * disclosure plugin supplies what to write for each household.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Applies `fn` to every string leaf of a value, in place where possible; returns the new value. */
export function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = mapStrings(value[i], fn);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = mapStrings(record[key], fn);
    return record;
  }
  return value;
}

const HOUSEHOLD_ID_KEY = /(^h|H)ousehold(Id|Ids)$/; // householdId, chosenHouseholdId, plainOrderHouseholdIds, ...
const HOUSEHOLD_LIST_KEY = /^households$/;
const HOUSEHOLD_KEY = /^household$/;

/**
 * JSON held in a string (stored plans, audit event bodies, replay values) as a reader without
 * operational access may see it: household ids under `…householdId(s)`, and `id`/`reference` of
 * objects under `household(s)`, become mentions (rendered per reader like every other name), and
 * rule verdicts lose the special-category facts they state. Text that is not JSON is returned as it is.
 */
export function discloseJsonForNonOperational(text: string): string {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return text;
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return text;
  }
  let changed = false;
  const asMention = (v: Json, mention: (id: number) => string): Json => {
    if (typeof v === 'number' && Number.isInteger(v)) {
      changed = true;
      return mention(v);
    }
    if (Array.isArray(v)) return v.map((x) => asMention(x, mention));
    return v;
  };
  const household = (o: Json): Json => {
    if (o === null || typeof o !== 'object' || Array.isArray(o) || typeof o.id !== 'number') return o;
    const id = o.id;
    changed = true;
    return { ...o, id: householdIdMention(id), ...(typeof o.reference === 'string' ? { reference: householdMention(id) } : {}) };
  };
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    // a rule verdict kept in the log (e.g. ALLOCATION_RECORDED): its result stays, special-category facts go
    // (the ledger keeps verdicts without their sentences: ruleId, result, values)
    if (typeof v.ruleId === 'string' && Array.isArray(v.values)) {
      const outcome = { ...v, explanation: typeof v.explanation === 'string' ? v.explanation : '' } as unknown as {
        ruleId: string;
        explanation: string;
        values: { name: string }[];
      };
      if (statesSpecialCategoryFacts(outcome)) {
        changed = true;
        const withheld = withoutSpecialCategoryFacts(outcome) as unknown as { [key: string]: Json };
        if (typeof v.explanation !== 'string') delete withheld.explanation;
        v = withheld;
      }
    }
    const out: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(v)) {
      if (HOUSEHOLD_ID_KEY.test(key)) out[key] = asMention(child, householdIdMention);
      else if (HOUSEHOLD_LIST_KEY.test(key) && Array.isArray(child)) out[key] = child.map((h) => walk(household(h)));
      else if (HOUSEHOLD_KEY.test(key)) out[key] = walk(household(child));
      else out[key] = walk(child);
    }
    return out;
  };
  const result = walk(parsed);
  return changed ? JSON.stringify(result) : text;
}

/** Calls `fn` on every string leaf of a value. */
export function forEachString(value: unknown, fn: (text: string) => void): void {
  if (typeof value === 'string') fn(value);
  else if (Array.isArray(value)) for (const v of value) forEachString(v, fn);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) forEachString(v, fn);
}

/** Every household id mentioned anywhere in an answer. */
export function mentionsIn(value: unknown): number[] {
  const ids = new Set<number>();
  forEachString(value, (text) => mentionedIds(text).forEach((id) => ids.add(id)));
  return [...ids];
}

/** Words in a text that could be household references (the reference rule: 1-40 letters, digits, _ or -). */
export function referenceCandidates(text: string): string[] {
  return text.match(/[A-Za-z0-9][A-Za-z0-9_-]{0,39}/g) ?? [];
}

/** Replaces whole-word occurrences of known references (free text written by people). */
export function replaceReferences(text: string, replacement: ReadonlyMap<string, string>): string {
  if (replacement.size === 0) return text;
  return text.replace(/(?<![A-Za-z0-9_-])[A-Za-z0-9][A-Za-z0-9_-]{0,39}(?![A-Za-z0-9_-])/g, (word) => replacement.get(word) ?? word);
}
