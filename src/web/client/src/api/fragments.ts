import { graphql } from '../gql';

/** A composition target's effect, as the composition chart draws it (proposals, approvals, rationales). */
export const TargetFieldsFragment = graphql(`
  fragment TargetFields on TargetEffect {
    targetId
    label
    bound
    basisPoints
    before {
      basisPoints
      count
      total
    }
    afterThis {
      basisPoints
      count
      total
    }
  }
`);
