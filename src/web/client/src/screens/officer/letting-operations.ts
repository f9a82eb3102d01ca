import { graphql } from '../../gql';

/** The letting process on the vacancy screen (issue 17): publication, the reaction window, the candidate list. */
export const PublicationFieldsFragment = graphql(`
  fragment PublicationFields on VacancyPublication {
    model
    opensOn
    closesOn
    viewingOn
    conditions
    state
    lotterySeed
    publishedBy
    publishedAt
    listedAt
  }
`);

export const PublishVacancyDocument = graphql(`
  mutation PublishVacancy($input: PublishVacancyInput!) {
    publishVacancy(input: $input) {
      ...PublicationFields
    }
  }
`);

export const CloseReactionWindowDocument = graphql(`
  mutation CloseReactionWindow($vacancyId: ID!) {
    closeReactionWindow(vacancyId: $vacancyId) {
      id
      eligible
    }
  }
`);

export const CandidateRowFragment = graphql(`
  fragment CandidateRow on Candidate {
    id
    position
    state
    eligible
    summary
    hardFailures
    reasonCode
    allowedEvents
    orderKey {
      eligible
      priorityTier
      registrationDate
      rankingPoints
      lotteryRank
    }
    history {
      from
      to
      event
      reasonCode
      at
      by
    }
    household {
      id
      reference
    }
  }
`);

/** Sent only for readers who may see households (officers, admins, auditors): a manager is refused the whole operation. */
export const CandidateListDocument = graphql(`
  query CandidateList($id: ID!) {
    vacancy(id: $id) {
      id
      candidateList {
        ...CandidateRow
      }
    }
    lettingReasons {
      kind
      code
      name
      justified
    }
  }
`);

export const SkipCandidateDocument = graphql(`
  mutation SkipCandidate($input: SkipCandidateInput!) {
    skipCandidate(input: $input) {
      ...CandidateRow
    }
  }
`);

export const UndoSkipCandidateDocument = graphql(`
  mutation UndoSkipCandidate($candidateId: ID!) {
    undoSkipCandidate(candidateId: $candidateId) {
      ...CandidateRow
    }
  }
`);

export const InviteCandidateDocument = graphql(`
  mutation InviteCandidate($candidateId: ID!) {
    inviteCandidate(candidateId: $candidateId) {
      ...CandidateRow
    }
  }
`);

export const UndoInviteCandidateDocument = graphql(`
  mutation UndoInviteCandidate($candidateId: ID!) {
    undoInviteCandidate(candidateId: $candidateId) {
      ...CandidateRow
    }
  }
`);
