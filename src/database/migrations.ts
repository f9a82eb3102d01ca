import { InitialSchema1764000000000 } from '../../migrations/1764000000000-initial-schema.js';
import { LocalPolicyAndAllocations1764000000001 } from '../../migrations/1764000000001-local-policy-and-allocations.js';
import { ProposalsAndOffers1764000000002 } from '../../migrations/1764000000002-proposals-and-offers.js';
import { AllocationRounds1764000000003 } from '../../migrations/1764000000003-allocation-rounds.js';
import { PointsRoute1764000000004 } from '../../migrations/1764000000004-points-route.js';
import { AuditAndFourEyes1764000000005 } from '../../migrations/1764000000005-audit-and-four-eyes.js';
import { Simulations1764000000006 } from '../../migrations/1764000000006-simulations.js';
import { AuditSnapshots1764000000007 } from '../../migrations/1764000000007-audit-snapshots.js';
import { NeedToKnow1764000000008 } from '../../migrations/1764000000008-need-to-know.js';
import { AowAgeSource1764000000009 } from '../../migrations/1764000000009-aow-age-source.js';
import { PlanSchemaVersion1764000000010 } from '../../migrations/1764000000010-plan-schema-version.js';
import { HouseholdFactsVersion1764000000011 } from '../../migrations/1764000000011-household-facts-version.js';
import { AuthSessions1764000000012 } from '../../migrations/1764000000012-auth-sessions.js';
import { ProposalPlanInDutch1764000000013 } from '../../migrations/1764000000013-proposal-plan-in-dutch.js';
import { BuurtReadingsAndPriorities1764000000014 } from '../../migrations/1764000000014-buurt-readings-and-priorities.js';
import { OutcomesProgrammesPartners1764000000015 } from '../../migrations/1764000000015-outcomes-programmes-partners.js';
import { PublicationAndCandidateLists1764000000016 } from '../../migrations/1764000000016-publication-and-candidate-lists.js';
import { OfferStages1764000000017 } from '../../migrations/1764000000017-offer-stages.js';
import { OfferLetterTemplates1764000000018 } from '../../migrations/1764000000018-offer-letter-templates.js';
import { OfferBlockFacts1764000000019 } from '../../migrations/1764000000019-offer-block-facts.js';
import { SanctionWordsAndLostUrgency1764000000020 } from '../../migrations/1764000000020-sanction-words-and-lost-urgency.js';
import { VeraRefusalCodes1764000000021 } from '../../migrations/1764000000021-vera-refusal-codes.js';
import { VeraInterchange1764000000022 } from '../../migrations/1764000000022-vera-interchange.js';
import { StageLapseReason1764000000023 } from '../../migrations/1764000000023-stage-lapse-reason.js';
import { PartnerGrantExpiry1764000000024 } from '../../migrations/1764000000024-partner-grant-expiry.js';
import { DossierRelease1764000000025 } from '../../migrations/1764000000025-dossier-release.js';
import { HouseholdVersionOwnWrites1764000000026 } from '../../migrations/1764000000026-household-version-own-writes.js';

/** Migrations as classes (no globs): the same list works under node, jest and the typeorm CLI. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  LocalPolicyAndAllocations1764000000001,
  ProposalsAndOffers1764000000002,
  AllocationRounds1764000000003,
  PointsRoute1764000000004,
  AuditAndFourEyes1764000000005,
  Simulations1764000000006,
  AuditSnapshots1764000000007,
  NeedToKnow1764000000008,
  AowAgeSource1764000000009,
  PlanSchemaVersion1764000000010,
  HouseholdFactsVersion1764000000011,
  AuthSessions1764000000012,
  ProposalPlanInDutch1764000000013,
  BuurtReadingsAndPriorities1764000000014,
  OutcomesProgrammesPartners1764000000015,
  PublicationAndCandidateLists1764000000016,
  OfferStages1764000000017,
  OfferLetterTemplates1764000000018,
  OfferBlockFacts1764000000019,
  SanctionWordsAndLostUrgency1764000000020,
  VeraRefusalCodes1764000000021,
  VeraInterchange1764000000022,
  StageLapseReason1764000000023,
  PartnerGrantExpiry1764000000024,
  DossierRelease1764000000025,
  HouseholdVersionOwnWrites1764000000026,
];
