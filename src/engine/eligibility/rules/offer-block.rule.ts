import { formatDate, formatDateNl } from '../../common/format.js';
import type { Phrasebook } from '../../common/language.js';
import { blockedOn } from '../../letting/sanctions.js';
import { EligibilityInput } from '../eligibility-input.js';
import { EligibilityRule, RuleMeta, compare, failed, passed } from '../rule-outcome.js';

type Input = Pick<EligibilityInput, 'household' | 'allocationDate'>;

const rule: RuleMeta = {
  id: 'OFFER_BLOCK',
  title: 'block after refusals',
  titleNl: 'blokkade na weigeringen',
  reference: 'Local letting policy: sanctions after unjustified refusals (letting_policy.sanctions; src/engine/letting/sanctions.ts)',
};

const WORDS: Phrasebook<{ free: (on: string) => string }> = {
  en: { free: (on) => `Your household is not blocked from offers on ${on}.` },
  nl: { free: (on) => `Uw huishouden is op ${on} niet geblokkeerd voor aanbiedingen.` },
};

/**
 * A household blocked from offers (a sanction after unjustified refusals, still ACTIVE or with a
 * lift only requested) may not be offered a home on a date inside the block, whatever the route.
 * The explanation is the sanction's own sentence: the dates and whether a lift is pending. A lift
 * approved by a second officer removes the block from the facts, and the household passes again.
 */
export const offerBlockRule: EligibilityRule<Input> = {
  ...rule,
  evaluate({ household, allocationDate }, language = 'en') {
    const blocks = household.offerBlocks.map((b) => ({
      kind: 'BLOCK' as const,
      state: b.liftRequested ? ('LIFT_REQUESTED' as const) : ('ACTIVE' as const),
      from: b.from,
      until: b.until,
    }));
    const block = blockedOn(blocks, allocationDate, language);
    if (block === null) return passed(rule, WORDS[language].free(language === 'nl' ? formatDateNl(allocationDate) : formatDate(allocationDate)));
    return failed(rule, block.why, [
      compare('blockedFrom', block.sanction.from, '<=', allocationDate),
      compare('blockedUntil', block.sanction.until, '>=', allocationDate),
    ]);
  },
};
