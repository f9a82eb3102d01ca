import { graphql } from '../../gql';

/** The vacancy screen's operations (one place, so the screen and its parts share the shapes). */
export const ProposalFieldsFragment = graphql(`
  fragment ProposalFields on Proposal {
    id
    status
    allocationDate
    summary
    routeOrder
    solveStatus
    solver
    candidateCount
    passedOverSummary
    passedOverReasons {
      kind
      text
      points
      ref
    }
    chosen {
      ...CandidateFields
    }
    plainOrderCandidate {
      ...CandidateFields
    }
    alternatives {
      ...CandidateFields
    }
    composition {
      ...TargetFields
    }
  }
`);

export const CandidateFieldsFragment = graphql(`
  fragment CandidateFields on ProposalCandidate {
    rank
    priorityTier
    urgent
    score
    costVersusChosen
    eligibility
    jointNote
    household {
      id
      reference
      registrationDate
      size
      householdType
    }
  }
`);

export const VacancyScreenDocument = graphql(`
  query VacancyScreen($id: ID!) {
    vacancy(id: $id) {
      id
      reference
      status
      route
      availableFrom
      respondentCount
      publication {
        ...PublicationFields
      }
      dwelling {
        code
        address
        postcode
        rooms
        floorAreaM2
        netRentCents
        isDaeb
        complex {
          id
          code
          name
          dwellingCount
          neighbourhood {
            name
            buurtCode
            resilienceClass
          }
        }
      }
    }
    proposals(vacancyId: $id) {
      ...ProposalFields
    }
    offers(vacancyId: $id) {
      id
      status
      decision
      decidedBy
      approvedBy
      reasonCode
      reasonText
      responseReason
      refusalReasonCode
      stage
      stageDue
      proposalId
      household {
        id
        reference
      }
    }
    lettingReasons {
      kind
      code
      name
      justified
    }
    overrideReasonPolicies {
      version
      effectiveFrom
      reasons {
        code
        label
        requires
      }
    }
  }
`);

export const RespondentsDocument = graphql(`
  query Respondents($id: ID!, $first: Int!) {
    eligibleCandidates(vacancyId: $id, first: $first) {
      evaluatedCount
      eligibleCount
      excludedCount
      policy
      parameterYear
      excludedByRule {
        ruleId
        count
        examples
      }
      candidates {
        priorityTier
        summary
        household {
          id
          reference
          registrationDate
        }
        outcomes {
          ruleId
          result
          explanation
        }
      }
    }
  }
`);

export const ProposeDocument = graphql(`
  mutation Propose($id: ID!) {
    proposeAllocation(vacancyId: $id) {
      id
    }
  }
`);

export const DecideDocument = graphql(`
  mutation Decide($input: DecideProposalInput!) {
    decideProposal(input: $input) {
      id
      status
    }
  }
`);

export const RespondDocument = graphql(`
  mutation RespondToOffer($input: OfferResponseInput!) {
    recordOfferResponse(input: $input) {
      offer {
        id
        status
      }
      nextProposal {
        id
        chosen {
          household {
            reference
          }
        }
      }
      nextOffer {
        id
      }
      tenancyId
    }
  }
`);

/** Moves an open offer to its next stage (from the documents check only with both documents checked). */
export const AdvanceOfferDocument = graphql(`
  mutation AdvanceOffer($input: AdvanceOfferInput!) {
    advanceOffer(input: $input) {
      offer {
        id
        status
        stage
        stageDue
      }
      tenancyId
    }
  }
`);

/** The officer's open offers due today or overdue (the "Vandaag te doen" panel on the worklist). */
export const OffersDueDocument = graphql(`
  query OffersDue {
    offersDue {
      id
      stage
      stageDue
      vacancy {
        id
        reference
      }
      household {
        id
        reference
      }
    }
  }
`);
