import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/auth.decorators.js';
import { ProposalReplay } from './graphql/replay.type.js';
import { ReplayService } from './replay.service.js';

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

@Resolver()
export class ReplayResolver {
  constructor(private readonly replayService: ReplayService) {}

  @Roles('AUDITOR', 'OFFICER')
  @Query(() => ProposalReplay, { complexity: 500, description: 'Recomputes a proposal from its logged snapshot: IDENTICAL, or the differences' })
  async replayProposal(@Args('proposalId', { type: () => ID }) proposalId: string) {
    const r = await this.replayService.replayProposal(proposalId);
    return {
      ...r,
      proposalId: String(r.proposalId),
      differences: r.differences.map((d) => ({ path: d.path, recorded: json(d.recorded), replayed: json(d.replayed) })),
    };
  }
}
