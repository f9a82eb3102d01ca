import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { playingBack } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { OffersService } from './offers.service.js';

/**
 * The deadline job (issue 17): every OFFER_DEADLINE_SECONDS each instance expires the offers whose
 * stage is past its due date. Safe with many instances and after a restart: an expiry is decided under
 * the vacancy's lock on the offer's state as stored (OffersService.expireOverdue), so each stage
 * expires once, whichever instance gets there first.
 */
@Injectable()
export class OfferDeadlinesJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('OfferDeadlines');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly offers: OffersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.offerDeadlineSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => {
      this.running = this.running
        .catch(() => undefined)
        // history played back on its own dates (the demo's lettings) has stages due in the past: not expired by today's date
        .then(() => (playingBack() ? { expired: [], failed: [] } : this.offers.expireOverdue()))
        .then(({ expired, failed }) => {
          if (expired.length) this.logger.log(`expired ${expired.length} offer(s) past their stage's due date: ${expired.join(', ')}`);
          for (const f of failed) this.logger.warn(`offer ${f.offerId} is past its stage's due date and could not expire: ${f.reason}`);
        })
        .catch((e: unknown) => this.logger.warn(`offer deadlines not checked: ${(e as Error).message}`));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }
}
