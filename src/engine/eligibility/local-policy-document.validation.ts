import { ACCESSIBILITY_LEVELS, INCOME_SOURCES } from '../model.js';
import {
  AccessibilityPolicy,
  AdaptedAccessibility,
  AgeSubject,
  LabelPolicy,
  LabelRequirement,
  LocalPolicy,
  LocalTiesPolicy,
  QuotaPolicy,
  RoomNorm,
  RotterdamwetPolicy,
  UrgencyPolicy,
} from './local-policy.js';

/**
 * The local policy as stored in local_policy.document (jsonb): the LocalPolicy without the columns
 * kept beside it (id, name, municipalityCodes), and with the Rotterdamwet designations as complex
 * codes (resolved to ids when the policy is loaded).
 */
export type LocalPolicyDocument = Omit<LocalPolicy, 'id' | 'name' | 'municipalityCodes' | 'rotterdamwet'> & {
  rotterdamwet: Omit<RotterdamwetPolicy, 'designatedComplexIds'> & { designatedComplexCodes: readonly string[] };
};

/**
 * Urgency categories every urgentieregeling must contain: Huisvestingswet 2014 art. 12 lid 3 (people
 * in shelter after leaving home because of relationship problems or violence, and people who give or
 * receive mantelzorg per Wmo 2015 art. 1.1.1). See docs/domain.md §3.3; the Wet versterking regie
 * volkshuisvesting (Kamerstuk 36512, not in force) may extend this list once in force.
 */
export const HVW_ART_12_MANDATORY_URGENCY_CATEGORIES = ['SHELTER_DOMESTIC_VIOLENCE', 'INFORMAL_CARE'] as const;

/** Longest urgency category name accepted. */
const MAX_CATEGORY_LENGTH = 60;
const MAX_BASIS_POINTS = 10_000;
const MAX_YEARS = 100;

type Problem = { field: string; reason: string };
type Json = Record<string, unknown>;

/**
 * Every member of T, listed once: a member added to T (a new policy field or enum value) that is not
 * listed here fails to compile, so the validator cannot silently fall behind the LocalPolicy type.
 */
function allOf<T>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}

const DOCUMENT_KEYS = allOf<keyof LocalPolicyDocument>()(['roomNorms', 'labels', 'accessibility', 'urgency', 'localTies', 'rotterdamwet', 'quotas']);
const ROOM_NORM_KEYS = allOf<keyof RoomNorm>()(['minPersons', 'maxPersons', 'minRooms', 'maxRooms']);
const LABEL_KEYS = allOf<keyof LabelPolicy>()(['requirement', 'fallback']);
const ACCESSIBILITY_KEYS = allOf<keyof AccessibilityPolicy>()(['priorityFor', 'indicationRequiredFor', 'releaseToRegularOnFallback']);
const URGENCY_KEYS = allOf<keyof UrgencyPolicy>()(['mandatoryCategories', 'localCategories']);
const LOCAL_TIES_KEYS = allOf<keyof LocalTiesPolicy>()(['minYears', 'scope', 'mode', 'maxShareBasisPoints']);
const ROTTERDAMWET_KEYS = allOf<keyof LocalPolicyDocument['rotterdamwet']>()(['apply', 'designatedComplexCodes', 'refusedIncomeSources', 'minYearsInRegion']);
const QUOTA_KEYS = allOf<keyof QuotaPolicy>()(['freeAllocationRoom', 'passendExceptionBasisPoints']);
const FREE_ROOM_KEYS = allOf<keyof QuotaPolicy['freeAllocationRoom']>()(['standardBasisPoints', 'agreedBasisPoints', 'agreedInPrestatieafspraken']);

type Kind = LabelRequirement['kind'];
type RequirementOf<K extends Kind> = Extract<LabelRequirement, { kind: K }>;
const REQUIREMENT_KEYS: { [K in Kind]: readonly (keyof RequirementOf<K>)[] } = {
  MIN_AGE: allOf<keyof RequirementOf<'MIN_AGE'>>()(['kind', 'minAge', 'ageOf']),
  MAX_AGE: allOf<keyof RequirementOf<'MAX_AGE'>>()(['kind', 'belowAge', 'minAge', 'ageOf', 'rentAtMostQualityDiscountLimit']),
  HOUSEHOLD: allOf<keyof RequirementOf<'HOUSEHOLD'>>()(['kind', 'minPersons', 'minChildren']),
  INDICATION: allOf<keyof RequirementOf<'INDICATION'>>()(['kind', 'accessibility']),
  OPEN: allOf<keyof RequirementOf<'OPEN'>>()(['kind']),
};
const REQUIREMENT_KINDS = allOf<Kind>()(['MIN_AGE', 'MAX_AGE', 'HOUSEHOLD', 'INDICATION', 'OPEN']);
const AGE_SUBJECTS = allOf<AgeSubject>()(['APPLICANT', 'ELDEST_ADULT']);
const ADAPTED_ACCESSIBILITY: readonly AdaptedAccessibility[] = ACCESSIBILITY_LEVELS.filter((a): a is AdaptedAccessibility => a !== 'NONE');
const TIES_SCOPES = allOf<LocalTiesPolicy['scope']>()(['MUNICIPALITY', 'REGION']);
const TIES_MODES = allOf<LocalTiesPolicy['mode']>()(['PRIORITY', 'EXCLUSIVE']);

/** Hints for keys an admin is likely to send by mistake (engine field names, columns stored outside the document). */
const UNKNOWN_KEY_HINTS: Readonly<Record<string, string>> = {
  id: 'it is not part of the document',
  name: 'it is stored beside the document, not in it',
  municipalityCodes: 'it is stored beside the document, not in it',
  'rotterdamwet.designatedComplexIds': 'use designatedComplexCodes',
};

/**
 * Problems of an untrusted local policy document (as an admin would submit it) against the stored
 * shape, LocalPolicyDocument; empty when the document is valid. Checks every key is present with the
 * right type and reports unknown keys; integers for counts, ages, years and basis points; basis points
 * 0..10000; years and ages 0..100; persons and rooms >= 1 with max >= min; the enums; non-empty label
 * keys; urgency categories (non-empty, <= 60 characters, no duplicates, the Hvw art. 12 lid 3 ones in
 * mandatoryCategories). Fields are dot paths (`labels.SENIOR_55.fallback.1.minAge`); the document
 * itself is `document`. Every problem found is reported, per object: missing keys, unknown keys, then
 * each field in schema order. Pure: does not throw or change its input.
 */
export function localPolicyDocumentProblems(doc: unknown): Problem[] {
  const out: Problem[] = [];
  const root = object(out, 'document', doc, DOCUMENT_KEYS, '');
  if (root === undefined) return out;
  check(root, 'roomNorms', (v, p) => list(out, p, v, (norm, np) => roomNorm(out, np, norm)));
  check(root, 'labels', (v, p) => labels(out, p, v));
  check(root, 'accessibility', (v, p) => {
    const a = object(out, p, v, ACCESSIBILITY_KEYS);
    if (a === undefined) return;
    check(a, 'priorityFor', (x, xp) => enumList(out, xp, x, ADAPTED_ACCESSIBILITY), p);
    check(a, 'indicationRequiredFor', (x, xp) => enumList(out, xp, x, ADAPTED_ACCESSIBILITY), p);
    check(a, 'releaseToRegularOnFallback', (x, xp) => boolean(out, xp, x), p);
  });
  check(root, 'urgency', (v, p) => urgency(out, p, v));
  check(root, 'localTies', (v, p) => {
    const t = object(out, p, v, LOCAL_TIES_KEYS);
    if (t === undefined) return;
    check(t, 'minYears', (x, xp) => integer(out, xp, x, 0, MAX_YEARS), p);
    check(t, 'scope', (x, xp) => oneOf(out, xp, x, TIES_SCOPES), p);
    check(t, 'mode', (x, xp) => oneOf(out, xp, x, TIES_MODES), p);
    check(t, 'maxShareBasisPoints', (x, xp) => integer(out, xp, x, 0, MAX_BASIS_POINTS), p);
  });
  check(root, 'rotterdamwet', (v, p) => {
    const r = object(out, p, v, ROTTERDAMWET_KEYS);
    if (r === undefined) return;
    check(r, 'apply', (x, xp) => boolean(out, xp, x), p);
    check(r, 'designatedComplexCodes', (x, xp) => stringList(out, xp, x, undefined), p);
    check(r, 'refusedIncomeSources', (x, xp) => enumList(out, xp, x, INCOME_SOURCES), p);
    check(r, 'minYearsInRegion', (x, xp) => integer(out, xp, x, 0, MAX_YEARS), p);
  });
  check(root, 'quotas', (v, p) => {
    const q = object(out, p, v, QUOTA_KEYS);
    if (q === undefined) return;
    check(
      q,
      'freeAllocationRoom',
      (x, xp) => {
        const f = object(out, xp, x, FREE_ROOM_KEYS);
        if (f === undefined) return;
        check(f, 'standardBasisPoints', (y, yp) => integer(out, yp, y, 0, MAX_BASIS_POINTS), xp);
        check(f, 'agreedBasisPoints', (y, yp) => integer(out, yp, y, 0, MAX_BASIS_POINTS), xp);
        check(f, 'agreedInPrestatieafspraken', (y, yp) => boolean(out, yp, y), xp);
      },
      p,
    );
    check(q, 'passendExceptionBasisPoints', (x, xp) => integer(out, xp, x, 0, MAX_BASIS_POINTS), p);
  });
  return out;
}

function roomNorm(out: Problem[], path: string, value: unknown): void {
  const n = object(out, path, value, ROOM_NORM_KEYS);
  if (n === undefined) return;
  const minPersons = present(n, 'minPersons') ? integer(out, at(path, 'minPersons'), n.minPersons, 1) : undefined;
  const maxPersons = present(n, 'maxPersons') ? integer(out, at(path, 'maxPersons'), n.maxPersons, 1, undefined, true) : undefined;
  atLeast(out, at(path, 'maxPersons'), maxPersons, 'minPersons', minPersons);
  const minRooms = present(n, 'minRooms') ? integer(out, at(path, 'minRooms'), n.minRooms, 1, undefined, true) : undefined;
  const maxRooms = present(n, 'maxRooms') ? integer(out, at(path, 'maxRooms'), n.maxRooms, 1, undefined, true) : undefined;
  atLeast(out, at(path, 'maxRooms'), maxRooms, 'minRooms', minRooms);
}

function labels(out: Problem[], path: string, value: unknown): void {
  if (!isObject(value)) {
    out.push({ field: path, reason: `must be an object keyed by label (got ${describe(value)})` });
    return;
  }
  for (const [key, label] of Object.entries(value)) {
    if (key.trim() === '') {
      out.push({ field: path, reason: `label keys must be non-empty (got ${describe(key)})` });
      continue;
    }
    const lp = at(path, key);
    const l = object(out, lp, label, LABEL_KEYS);
    if (l === undefined) continue;
    check(l, 'requirement', (x, xp) => requirement(out, xp, x), lp);
    check(l, 'fallback', (x, xp) => list(out, xp, x, (step, sp) => requirement(out, sp, step)), lp);
  }
}

function requirement(out: Problem[], path: string, value: unknown): void {
  if (!isObject(value)) {
    out.push({ field: path, reason: `must be an object (got ${describe(value)})` });
    return;
  }
  if (!present(value, 'kind')) {
    out.push({ field: at(path, 'kind'), reason: 'is required' });
    return;
  }
  const kind = oneOf(out, at(path, 'kind'), value.kind, REQUIREMENT_KINDS);
  if (kind === undefined) return; // the other fields depend on the kind
  const r = object(out, path, value, REQUIREMENT_KEYS[kind]);
  if (r === undefined) return;
  switch (kind) {
    case 'MIN_AGE':
      check(r, 'minAge', (x, xp) => integer(out, xp, x, 0, MAX_YEARS), path);
      check(r, 'ageOf', (x, xp) => oneOf(out, xp, x, AGE_SUBJECTS), path);
      return;
    case 'MAX_AGE': {
      const belowAge = present(r, 'belowAge') ? integer(out, at(path, 'belowAge'), r.belowAge, 0, MAX_YEARS, true) : undefined;
      const minAge = present(r, 'minAge') ? integer(out, at(path, 'minAge'), r.minAge, 0, MAX_YEARS, true) : undefined;
      if (typeof belowAge === 'number' && typeof minAge === 'number' && belowAge <= minAge) {
        out.push({ field: at(path, 'belowAge'), reason: `must be greater than minAge (${minAge}) (got ${belowAge})` });
      }
      check(r, 'ageOf', (x, xp) => oneOf(out, xp, x, AGE_SUBJECTS), path);
      check(r, 'rentAtMostQualityDiscountLimit', (x, xp) => boolean(out, xp, x), path);
      return;
    }
    case 'HOUSEHOLD':
      check(r, 'minPersons', (x, xp) => integer(out, xp, x, 1), path);
      check(r, 'minChildren', (x, xp) => integer(out, xp, x, 0), path);
      return;
    case 'INDICATION':
      check(r, 'accessibility', (x, xp) => oneOf(out, xp, x, ADAPTED_ACCESSIBILITY), path);
      return;
    case 'OPEN':
      return;
  }
}

function urgency(out: Problem[], path: string, value: unknown): void {
  const u = object(out, path, value, URGENCY_KEYS);
  if (u === undefined) return;
  const seen = new Map<string, string>();
  const mandatory = present(u, 'mandatoryCategories')
    ? stringList(out, at(path, 'mandatoryCategories'), u.mandatoryCategories, MAX_CATEGORY_LENGTH, seen)
    : undefined;
  if (mandatory !== undefined) {
    for (const required of HVW_ART_12_MANDATORY_URGENCY_CATEGORIES) {
      if (!mandatory.includes(required)) {
        out.push({ field: at(path, 'mandatoryCategories'), reason: `must include "${required}" (Huisvestingswet 2014 art. 12 lid 3)` });
      }
    }
  }
  if (present(u, 'localCategories')) stringList(out, at(path, 'localCategories'), u.localCategories, MAX_CATEGORY_LENGTH, seen);
}

// ---- generic checks ----

/** Runs `fn` on `obj[key]` when present (a missing key was already reported by `object`). */
function check(obj: Json, key: string, fn: (value: unknown, path: string) => unknown, parent = ''): void {
  if (present(obj, key)) fn(obj[key], at(parent, key));
}

/** A JSON object with exactly `keys`: reports a wrong type, then missing keys, then unknown keys. */
function object(out: Problem[], path: string, value: unknown, keys: readonly string[], prefix = path): Json | undefined {
  if (!isObject(value)) {
    out.push({ field: path, reason: `must be an object (got ${describe(value)})` });
    return undefined;
  }
  for (const key of keys) {
    if (!present(value, key)) out.push({ field: at(prefix, key), reason: 'is required' });
  }
  for (const key of Object.keys(value)) {
    if (keys.includes(key)) continue;
    const field = at(prefix, key);
    const hint = UNKNOWN_KEY_HINTS[field];
    out.push({ field, reason: hint === undefined ? 'is not a known field' : `is not a known field (${hint})` });
  }
  return value;
}

function list(out: Problem[], path: string, value: unknown, item: (value: unknown, path: string) => void): void {
  if (!Array.isArray(value)) {
    out.push({ field: path, reason: `must be an array (got ${describe(value)})` });
    return;
  }
  value.forEach((v, i) => item(v, at(path, String(i))));
}

/**
 * An array of distinct non-empty strings (at most `maxLength` characters when given); `seen` carries
 * the entries of sibling lists that must not repeat them. Returns the valid entries.
 */
function stringList(out: Problem[], path: string, value: unknown, maxLength: number | undefined, seen = new Map<string, string>()): string[] | undefined {
  if (!Array.isArray(value)) {
    out.push({ field: path, reason: `must be an array (got ${describe(value)})` });
    return undefined;
  }
  const valid: string[] = [];
  value.forEach((v, i) => {
    const field = at(path, String(i));
    if (typeof v !== 'string') {
      out.push({ field, reason: `must be a string (got ${describe(v)})` });
    } else if (v.trim() === '') {
      out.push({ field, reason: `must not be empty (got ${describe(v)})` });
    } else if (maxLength !== undefined && v.length > maxLength) {
      out.push({ field, reason: `must be at most ${maxLength} characters (got ${v.length})` });
    } else if (seen.has(v)) {
      out.push({ field, reason: `is a duplicate of ${seen.get(v)} (${describe(v)})` });
    } else {
      seen.set(v, field);
      valid.push(v);
    }
  });
  return valid;
}

function enumList<T extends string>(out: Problem[], path: string, value: unknown, allowed: readonly T[]): void {
  if (!Array.isArray(value)) {
    out.push({ field: path, reason: `must be an array (got ${describe(value)})` });
    return;
  }
  const seen = new Map<string, string>();
  value.forEach((v, i) => {
    const field = at(path, String(i));
    const member = oneOf(out, field, v, allowed);
    if (member === undefined) return;
    if (seen.has(member)) out.push({ field, reason: `is a duplicate of ${seen.get(member)} (${describe(member)})` });
    else seen.set(member, field);
  });
}

function oneOf<T extends string>(out: Problem[], path: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  out.push({ field: path, reason: `must be one of ${allowed.join(', ')} (got ${describe(value)})` });
  return undefined;
}

function boolean(out: Problem[], path: string, value: unknown): void {
  if (typeof value !== 'boolean') out.push({ field: path, reason: `must be true or false (got ${describe(value)})` });
}

/** An integer in min..max (no upper bound when max is undefined), or null when nullable. Undefined when invalid. */
function integer(out: Problem[], path: string, value: unknown, min: number, max?: number, nullable = false): number | null | undefined {
  if (nullable && value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && (max === undefined || value <= max)) return value;
  const range = max === undefined ? `an integer of at least ${min}` : `an integer between ${min} and ${max}`;
  out.push({ field: path, reason: `must be ${nullable ? 'null or ' : ''}${range} (got ${describe(value)})` });
  return undefined;
}

/** Reports `max` below `min` when both are given. */
function atLeast(out: Problem[], path: string, max: number | null | undefined, minName: string, min: number | null | undefined): void {
  if (typeof max === 'number' && typeof min === 'number' && max < min) {
    out.push({ field: path, reason: `must be at least ${minName} (${min}) (got ${max})` });
  }
}

function isObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Own key with a value (JSON has no undefined; an undefined value counts as missing). */
function present(obj: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && obj[key] !== undefined;
}

function at(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The offending value, briefly, for a reason's "(got ...)". */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
