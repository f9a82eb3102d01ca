import { AsyncLocalStorage } from 'node:async_hooks';
import { IsoDate } from '../engine/model.js';

/** Injected clock: business code never calls Date.now() directly, so tests can fix "today". */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const CLOCK = Symbol('CLOCK');
/** The clock of the moment itself, never played back (playBackOn): the audit trail's timestamps. */
export const WALL_CLOCK = Symbol('WALL_CLOCK');

/** Calendar dates are Dutch dates: 00:30 on 1 January in Amsterdam is already the new year (and its limits). */
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function amsterdamDate(instant: Date): IsoDate {
  return AMSTERDAM_DATE.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => amsterdamDate(new Date()),
};

/** The business date of history being played back, for the code running inside it (asOfDate). */
const playedBack = new AsyncLocalStorage<IsoDate>();
let playbacks = 0;

/**
 * Runs `work` with "today" on `date` for the clock handed to the features (asOfDate(clock)): a
 * letting history is played through the live flow on the dates it happened (src/demo: the demo's
 * history of lettings, refusals and sanctions), with every rule, policy and audit event of that
 * flow. Only code called from `work` sees the date; requests served meanwhile see the real one.
 * The audit trail keeps the real moment each event was written (AuditService reads WALL_CLOCK), and
 * each event written inside says the date it was played back on.
 */
export async function playBackOn<T>(date: IsoDate, work: () => Promise<T>): Promise<T> {
  playbacks += 1;
  try {
    return await playedBack.run(date, work);
  } finally {
    playbacks -= 1;
  }
}

/** Whether history is being played back now (the deadline job waits: it judges by the real date). */
export function playingBack(): boolean {
  return playbacks > 0;
}

/** The date being played back for the code calling this, or null outside playBackOn. */
export function playedBackDate(): IsoDate | null {
  return playedBack.getStore() ?? null;
}

/**
 * Holds the deadline job for the whole of `work` (a history played back step by step has offers
 * open with stages due in the past between its steps). In this process only: play history back on a
 * single instance (the demo loads at start, before the service takes requests).
 */
export async function holdingDeadlines<T>(work: () => Promise<T>): Promise<T> {
  playbacks += 1;
  try {
    return await work();
  } finally {
    playbacks -= 1;
  }
}

/** The clock the features get: the given one, or inside playBackOn the played-back date (at midday, Amsterdam winter time). */
export function asOfDate(clock: Clock): Clock {
  return {
    now: () => {
      const date = playedBack.getStore();
      return date === undefined ? clock.now() : new Date(`${date}T12:00:00+01:00`);
    },
    today: () => playedBack.getStore() ?? clock.today(),
  };
}
