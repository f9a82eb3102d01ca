import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import { playBackOn } from '../common/clock.js';
import { addDays } from '../engine/common/dates.js';
import type { IsoDate } from '../engine/model.js';
import { LettingService } from '../letting/letting.service.js';
import { VacancyEntity } from '../vacancies/vacancy.entity.js';
import { VacanciesService } from '../vacancies/vacancies.service.js';
import { OfferEntity } from './allocation.entities.js';
import { DecisionEnum, OfferResponseEnum } from './graphql/proposal.type.js';
import { OffersService } from './offers.service.js';
import { ProposalsService } from './proposals.service.js';

/** What the household offered answers: it accepts (and goes through every stage), or refuses with a coded reason. */
export type ReplayAnswer = { accept: true } | { accept: false; refusalReasonCode: string; reason: string };

export interface LettingReplay {
  vacancyReference: string;
  /** The conditions published with the advertisement. */
  conditions: string;
  /** The seed of a lottery's draw (32 hex digits), so the history is the same on every load. */
  lotterySeed: string;
  /** The answer to the `attempt`-th offer of this vacancy (0-based). */
  answer(offer: { householdId: number; householdReference: string; attempt: number }): ReplayAnswer;
}

export interface LettingReplayResult {
  vacancyReference: string;
  let: boolean;
  offers: number;
  refusals: number;
  /** Why the vacancy was not let, when it was not. */
  problem: string | null;
}

/** Days before the home is available that each step of a played-back letting happens. */
const OPENS_BEFORE = 42;
/** The list is made this many days before; the window's last day is the day before (publication.ts: closed from the next day). */
const CLOSES_BEFORE = 28;
const VIEWING_BEFORE = 21;
const PROPOSED_BEFORE = 27;
const FIRST_OFFER_BEFORE = 26;
/** Days after the stage is entered that the household moves on: within the letting policy's version 1 stage days. */
const STAGE_STEPS: readonly number[] = [0, 2, 3, 5, 6];
const MAX_OFFERS = 6;

/**
 * Plays a vacancy's letting through the live flow on the dates it happened (playBackOn): published
 * six weeks before the home is free, the window closed two weeks later with its candidate list,
 * proposed and decided the next day (a deviation approved by a second officer), each offer answered
 * as the script says: a coded refusal passes it to the next candidate, an acceptance goes through
 * every stage to the letting. Every rule, policy, sanction and audit event of the live flow applies:
 * the demo's history of lettings, refusals and sanctions is made this way (src/demo).
 */
@Injectable()
export class LettingReplayService {
  private readonly logger = new Logger('LettingReplay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly letting: LettingService,
    private readonly proposals: ProposalsService,
    private readonly offers: OffersService,
    private readonly vacancies: VacanciesService,
  ) {}

  /**
   * Publishes an open vacancy on `opensOn` (played back on that day) with a window up to and
   * including `closesOn`, and leaves it there: for a window that has ended, the officer's next step
   * is to close it and make the candidate list (publication.ts: from the day after its last day).
   */
  async advertise(vacancyId: number, window: { opensOn: IsoDate; closesOn: IsoDate }, conditions: string, officer: Actor): Promise<void> {
    await playBackOn(window.opensOn, () => this.letting.publish({ vacancyId: String(vacancyId), ...window, viewingOn: null, conditions }, officer, 'nl'));
  }

  async replay(script: LettingReplay, officer: Actor, secondOfficer: Actor): Promise<LettingReplayResult> {
    const result: LettingReplayResult = { vacancyReference: script.vacancyReference, let: false, offers: 0, refusals: 0, problem: null };
    try {
      const vacancy = await this.dataSource.manager.findOneByOrFail(VacancyEntity, { reference: script.vacancyReference });
      const vacancyId = String(vacancy.id);
      const free: IsoDate = vacancy.availableFrom;
      const before = (days: number) => addDays(free, -days);
      await playBackOn(before(OPENS_BEFORE), () =>
        this.letting.publish(
          { vacancyId, opensOn: before(OPENS_BEFORE), closesOn: before(CLOSES_BEFORE + 1), viewingOn: before(VIEWING_BEFORE), conditions: script.conditions },
          officer,
          'nl',
        ),
      );
      await playBackOn(before(CLOSES_BEFORE), () => this.letting.closeAndList(vacancyId, officer, 'nl', script.lotterySeed));
      let offer = await playBackOn(before(PROPOSED_BEFORE), async () => {
        const proposal = await this.proposals.propose(vacancyId, officer);
        if (proposal.entity.chosenHouseholdId === null) return null;
        return this.goesOut(await this.offers.decide({ proposalId: String(proposal.entity.id), decision: DecisionEnum.ACCEPT }, officer), secondOfficer);
      });
      let day = before(FIRST_OFFER_BEFORE);
      while (offer !== null) {
        result.offers += 1;
        if (result.offers > MAX_OFFERS) throw new Error(`more than ${MAX_OFFERS} offers`);
        const [{ reference }]: { reference: string }[] = await this.dataSource.query(`SELECT reference FROM household WHERE id = $1`, [offer.householdId]);
        const answer = script.answer({ householdId: offer.householdId, householdReference: reference, attempt: result.offers - 1 });
        if (answer.accept) {
          const offerId = String(offer.id);
          for (const [i, after] of STAGE_STEPS.entries()) {
            await playBackOn(addDays(day, after), () =>
              this.offers.advance({ offerId, documents: i === 3 ? { incomeStatement: true, identity: true } : null }, officer),
            );
          }
          result.let = true;
          return result;
        }
        const declined = offer;
        offer = await playBackOn(day, async () => {
          const outcome = await this.offers.respond(
            { offerId: String(declined.id), response: OfferResponseEnum.DECLINED, reason: answer.reason, refusalReasonCode: answer.refusalReasonCode },
            officer,
          );
          return outcome.nextOffer && this.goesOut(outcome.nextOffer, secondOfficer);
        });
        result.refusals += 1;
        day = addDays(day, 2);
      }
      result.problem = 'no eligible candidate left';
    } catch (e) {
      result.problem = (e as Error).message;
    }
    this.logger.warn(`${script.vacancyReference} not let, withdrawn: ${result.problem}`);
    // nothing half-played stays open: the vacancy, its publication, open offers and proposals are withdrawn
    const vacancy = await this.dataSource.manager.findOneBy(VacancyEntity, { reference: script.vacancyReference });
    if (vacancy && vacancy.status !== 'ALLOCATED' && vacancy.status !== 'WITHDRAWN') await this.vacancies.withdraw(String(vacancy.id));
    return result;
  }

  /** An offer that needs a second officer's approval (a deviation from the plain order) is approved by one. */
  private async goesOut(offer: OfferEntity, secondOfficer: Actor): Promise<OfferEntity> {
    return offer.status === 'PENDING_APPROVAL' ? this.offers.approve(String(offer.id), secondOfficer) : offer;
  }
}
