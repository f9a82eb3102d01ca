import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ANY_ROLE, CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { AddOfferLetterTemplateVersionInput, OfferLetter, OfferLetterTemplateVersion } from './graphql/offer-letter.type.js';
import { OfferLettersService } from './offer-letters.service.js';

/** Offer letters from templates (issue 17): officers print them, auditors read them, managers keep the texts. */
@Resolver(() => OfferLetter)
export class OfferLettersResolver {
  constructor(private readonly service: OfferLettersService) {}

  @Roles('OFFICER', 'AUDITOR')
  @Query(() => OfferLetter, {
    description: 'The letter of an open offer, in Dutch, dated today from the template in force (officers: inside their assignment)',
  })
  offerLetter(@Args('offerId', { type: () => ID }) offerId: string, @CurrentActor() actor: Actor, @Context() ctx: RequestContext) {
    return this.service.letter(offerId, actor, ctx);
  }

  @Roles(...ANY_ROLE)
  @Query(() => [OfferLetterTemplateVersion], { description: 'All versions of the offer letter template, oldest first' })
  offerLetterTemplates() {
    return this.service.versions();
  }

  @Roles('MANAGER')
  @Mutation(() => OfferLetterTemplateVersion, {
    description: 'Manager: add the next version of the offer letter template (placeholders checked by name, audited)',
  })
  addOfferLetterTemplateVersion(@Args('input') input: AddOfferLetterTemplateVersionInput, @CurrentActor() actor: Actor) {
    return this.service.addVersion(input, actor);
  }
}
