import { Injectable } from '@nestjs/common';
import { audienceOf } from '../privacy/audience.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import { withholdPlan, withholdProposal } from '../engine/privacy/withhold-plan.js';
import { isSpecialCategoryDimension } from '../engine/privacy/special-category.js';
import { HouseholdDisclosure } from '../privacy/household-disclosure.service.js';
import { Proposal } from './graphql/proposal.type.js';
import { toProposal } from './proposal.mapper.js';
import { type StoredProposal, inLanguage } from './proposals.service.js';

/**
 * Proposals as each reader may read them (README, "Who sees what"): officers inside the vacancy's
 * assignment and admins read the whole proposal; auditors read it without special-category detail;
 * officers outside the assignment are refused, since a proposal's scores state vulnerability.
 */
@Injectable()
export class ProposalPresenter {
  constructor(private readonly disclosure: HouseholdDisclosure) {}

  async present(stored: StoredProposal, ctx: RequestContext): Promise<Proposal> {
    const actor = ctx.req?.actor;
    if (!actor) throw new Error('proposals are read by a signed-in actor');
    // the reader's language (Accept-Language): the Dutch words stored with the plan, when there are
    const { language, plan, proposal } = inLanguage(stored, languageOf(ctx.req));
    if (await this.disclosure.handlesVacancy(ctx, stored.entity.vacancyId)) {
      await this.recordReads(stored, ctx);
      return toProposal({ entity: stored.entity, plan, proposal });
    }
    if (audienceOf(actor) === 'OPERATIONAL') {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `Proposal ${stored.entity.id} is for vacancy ${stored.proposal.vacancyReference}, outside your assignment (an admin assigns officers with assignOfficer)`,
      );
    }
    return toProposal({ entity: stored.entity, proposal: withholdProposal(proposal, language), plan: withholdPlan(plan, language) });
  }

  /**
   * With a target on special-category data, a proposal states its candidates' vulnerability (their
   * fit, the passed-over reason): reading it is a read of each candidate's special-category data.
   */
  private async recordReads({ proposal }: StoredProposal, ctx: RequestContext): Promise<void> {
    if (!proposal.composition.some((t) => isSpecialCategoryDimension(t.dimension))) return;
    const shown = new Set([proposal.chosen, proposal.plainOrderCandidate, ...proposal.alternatives].flatMap((c) => (c ? [c.householdId] : [])));
    await Promise.all(
      [...shown].map((householdId) => this.disclosure.recordRead(ctx, householdId, 'proposal', { purpose: 'VACANCY', purposeId: proposal.vacancyId })),
    );
  }

  presentAll(stored: StoredProposal[], ctx: RequestContext): Promise<Proposal[]> {
    return Promise.all(stored.map((s) => this.present(s, ctx)));
  }
}
