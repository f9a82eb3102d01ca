import { COMPOSITION_CATEGORIES, COMPOSITION_DIMENSIONS, CompositionDimension } from '../composition/compute-composition.js';
import { IsoDate } from '../model.js';
import { ComplexTargetOverride, CompositionPolicy, CompositionTarget, QuotaEnforcement, validateCompositionPolicy } from './composition-policy.js';

/**
 * The composition policy as stored in composition_policy.document (jsonb): the CompositionPolicy
 * without the columns kept beside it (id, version, effectiveFrom), with per-complex overrides keyed
 * by complex code (resolved to ids when the policy is loaded).
 */
export type CompositionPolicyDocument = Omit<CompositionPolicy, 'id' | 'version' | 'effectiveFrom' | 'complexOverrides'> & {
  complexOverridesByCode: Record<string, ComplexTargetOverride>;
};

export interface DocumentProblem {
  field: string;
  reason: string;
}

type Json = Record<string, unknown>;

const DOCUMENT_KEYS: readonly (keyof CompositionPolicyDocument)[] = [
  'rankStepPoints',
  'unfilledPenalty',
  'displacement',
  'defaultsByResilienceClass',
  'complexOverridesByCode',
  'quotas',
];
const TARGET_KEYS: readonly (keyof CompositionTarget)[] = ['id', 'label', 'dimension', 'categories', 'bound', 'basisPoints', 'weight'];
const RESILIENCE_CLASSES = ['1', '2', '3', '4', '5'];
const ENFORCEMENTS: readonly QuotaEnforcement[] = ['SOFT', 'HARD'];
const COMPLEX_CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;
/** Keeps weights and points in a range where the objective stays exact in double precision. */
const MAX_POINTS = 10_000_000;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of a composition policy document, with the path of the field and the reason, so an
 * admin can fix them all at once. Structure first (keys, types, ranges, known dimensions and
 * categories); then the engine's own checks on the policy it would become.
 */
export function compositionPolicyDocumentProblems(doc: unknown): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const add = (field: string, reason: string) => problems.push({ field, reason });
  if (!isObject(doc)) return [{ field: 'document', reason: 'must be a JSON object' }];
  for (const key of Object.keys(doc)) if (!(DOCUMENT_KEYS as readonly string[]).includes(key)) add(key, 'is not a field of a composition policy');
  for (const key of DOCUMENT_KEYS) if (!(key in doc)) add(key, 'is required');

  const points = (field: string, v: unknown, nullable = false) => {
    if (nullable && v === null) return;
    if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > MAX_POINTS)
      add(field, `must be a whole number from 0 to ${MAX_POINTS}${nullable ? ', or null' : ''}`);
  };
  if ('rankStepPoints' in doc) points('rankStepPoints', doc.rankStepPoints);
  if ('unfilledPenalty' in doc) points('unfilledPenalty', doc.unfilledPenalty);

  if ('displacement' in doc) {
    const d = doc.displacement;
    if (!isObject(d)) add('displacement', 'must be an object with maxPositions, maxRegistrationDays and protectUrgent');
    else {
      points('displacement.maxPositions', d.maxPositions, true);
      points('displacement.maxRegistrationDays', d.maxRegistrationDays, true);
      if (typeof d.protectUrgent !== 'boolean') add('displacement.protectUrgent', 'must be true or false');
      for (const key of Object.keys(d))
        if (!['maxPositions', 'maxRegistrationDays', 'protectUrgent'].includes(key)) add(`displacement.${key}`, 'is not a field of displacement');
    }
  }

  if ('quotas' in doc) {
    const q = doc.quotas;
    if (!isObject(q)) add('quotas', 'must be an object with enforcement and weights');
    else {
      if (!ENFORCEMENTS.includes(q.enforcement as QuotaEnforcement)) add('quotas.enforcement', `must be one of ${ENFORCEMENTS.join(', ')}`);
      for (const w of ['daebTargetGroupWeight', 'passendWeight', 'localTiesWeight']) points(`quotas.${w}`, q[w]);
      for (const key of Object.keys(q))
        if (!['enforcement', 'daebTargetGroupWeight', 'passendWeight', 'localTiesWeight'].includes(key)) add(`quotas.${key}`, 'is not a field of quotas');
    }
  }

  const targets = (field: string, list: unknown) => {
    if (!Array.isArray(list)) return add(field, 'must be a list of targets');
    const seen = new Set<string>();
    list.forEach((t, i) => {
      const at = `${field}[${i}]`;
      if (!isObject(t)) return add(at, 'must be a target object');
      for (const key of Object.keys(t)) if (!(TARGET_KEYS as readonly string[]).includes(key)) add(`${at}.${key}`, 'is not a field of a target');
      if (typeof t.id !== 'string' || !/^[A-Z0-9_]{1,40}$/.test(t.id)) add(`${at}.id`, 'must be 1-40 capital letters, digits or _');
      else if (seen.has(t.id)) add(`${at}.id`, `${t.id} appears twice in this list`);
      else seen.add(t.id);
      if (typeof t.label !== 'string' || t.label.trim().length < 3 || t.label.length > 120) add(`${at}.label`, 'must say in 3-120 characters what is counted');
      const dimension = t.dimension as CompositionDimension;
      if (!COMPOSITION_DIMENSIONS.includes(dimension)) add(`${at}.dimension`, `must be one of ${COMPOSITION_DIMENSIONS.join(', ')}`);
      if (!Array.isArray(t.categories) || t.categories.length === 0) add(`${at}.categories`, 'must name at least one category');
      else if (COMPOSITION_DIMENSIONS.includes(dimension)) {
        const unknown = t.categories.filter((c) => !COMPOSITION_CATEGORIES[dimension].includes(c as string));
        if (unknown.length) add(`${at}.categories`, `${unknown.map(String).join(', ')} not in ${dimension} (${COMPOSITION_CATEGORIES[dimension].join(', ')})`);
        if (new Set(t.categories).size !== t.categories.length) add(`${at}.categories`, 'names a category twice');
      }
      if (t.bound !== 'MAX' && t.bound !== 'MIN') add(`${at}.bound`, 'must be MAX or MIN');
      if (!Number.isSafeInteger(t.basisPoints) || (t.basisPoints as number) < 0 || (t.basisPoints as number) > 10_000)
        add(`${at}.basisPoints`, 'must be a whole number of basis points from 0 to 10000 (10000 = 100%)');
      points(`${at}.weight`, t.weight);
    });
  };

  if ('defaultsByResilienceClass' in doc) {
    const byClass = doc.defaultsByResilienceClass;
    if (!isObject(byClass)) add('defaultsByResilienceClass', 'must be an object keyed by resilience class 1-5');
    else {
      for (const [cls, list] of Object.entries(byClass)) {
        if (!RESILIENCE_CLASSES.includes(cls)) add(`defaultsByResilienceClass.${cls}`, 'is not a resilience class (1 = very low ... 5 = high)');
        else targets(`defaultsByResilienceClass.${cls}`, list);
      }
    }
  }

  if ('complexOverridesByCode' in doc) {
    const overrides = doc.complexOverridesByCode;
    if (!isObject(overrides)) add('complexOverridesByCode', 'must be an object keyed by complex code');
    else {
      for (const [code, o] of Object.entries(overrides)) {
        const at = `complexOverridesByCode.${code}`;
        if (!COMPLEX_CODE.test(code)) add(at, 'is not a complex code');
        if (!isObject(o)) {
          add(at, 'must be an object with targets and removeTargetIds');
          continue;
        }
        for (const key of Object.keys(o)) if (!['targets', 'removeTargetIds'].includes(key)) add(`${at}.${key}`, 'is not a field of an override');
        targets(`${at}.targets`, o.targets);
        if (!Array.isArray(o.removeTargetIds) || o.removeTargetIds.some((id) => typeof id !== 'string'))
          add(`${at}.removeTargetIds`, 'must be a list of target ids');
      }
    }
  }

  if (problems.length > 0) return problems;
  // structurally sound: the engine's checks on the policy it becomes (the same ones every solve runs)
  const policy = toCompositionPolicy(doc as unknown as CompositionPolicyDocument, { id: 'CHECK', version: 1, effectiveFrom: '2000-01-01' }, new Map());
  return validateCompositionPolicy(policy).map((reason) => ({ field: 'document', reason }));
}

/** The policy a stored document becomes, with overrides keyed by complex id (unknown codes dropped). */
export function toCompositionPolicy(
  doc: CompositionPolicyDocument,
  meta: { id: string; version: number; effectiveFrom: IsoDate },
  complexIdByCode: ReadonlyMap<string, number>,
): CompositionPolicy {
  const { complexOverridesByCode, ...rest } = doc;
  const complexOverrides: Record<number, ComplexTargetOverride> = {};
  for (const [code, o] of Object.entries(complexOverridesByCode)) {
    const id = complexIdByCode.get(code);
    if (id !== undefined) complexOverrides[id] = o;
  }
  return { ...rest, ...meta, complexOverrides };
}
