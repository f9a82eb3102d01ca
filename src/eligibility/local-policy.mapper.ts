import { LocalPolicy } from '../engine/eligibility/local-policy.js';
import { LocalPolicyDocument as PolicyDocument } from '../engine/eligibility/local-policy-document.validation.js';
import { LocalPolicyVersion } from './graphql/local-policy.type.js';
import { LocalPolicyEntity } from './local-policy.entity.js';

/** Complex codes named by the policy (Rotterdamwet designations), to resolve to ids before mapping. */
export function designatedComplexCodes(entity: LocalPolicyEntity): string[] {
  return [...(entity.document as unknown as PolicyDocument).rotterdamwet.designatedComplexCodes];
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

export function toLocalPolicyVersion(entity: LocalPolicyEntity): LocalPolicyVersion {
  return {
    code: entity.code,
    version: entity.version,
    name: entity.name,
    municipalityCodes: [...entity.municipalityCodes],
    effectiveFrom: entity.effectiveFrom,
    document: JSON.stringify(entity.document),
  };
}
