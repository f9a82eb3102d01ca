import { LocalPolicy } from '../engine/eligibility/local-policy.js';
import { LocalPolicyEntity } from './local-policy.entity.js';

type PolicyDocument = Omit<LocalPolicy, 'id' | 'name' | 'municipalityCodes' | 'rotterdamwet'> & {
  rotterdamwet: Omit<LocalPolicy['rotterdamwet'], 'designatedComplexIds'> & { designatedComplexCodes: string[] };
};

/** Complex codes named by the policy (Rotterdamwet designations), to resolve to ids before mapping. */
export function designatedComplexCodes(entity: LocalPolicyEntity): string[] {
  return (entity.document as unknown as PolicyDocument).rotterdamwet.designatedComplexCodes;
}

/** Database row -> engine policy; `complexIdByCode` resolves the Rotterdamwet designations. */
export function toLocalPolicy(entity: LocalPolicyEntity, complexIdByCode: ReadonlyMap<string, number>): LocalPolicy {
  const { rotterdamwet, ...rest } = entity.document as unknown as PolicyDocument;
  const { designatedComplexCodes: codes, ...rotterdamwetRest } = rotterdamwet;
  return {
    ...rest,
    id: `${entity.code}@${entity.version}`,
    name: entity.name,
    municipalityCodes: entity.municipalityCodes,
    rotterdamwet: { ...rotterdamwetRest, designatedComplexIds: codes.flatMap((c) => (complexIdByCode.has(c) ? [complexIdByCode.get(c)!] : [])) },
  };
}
