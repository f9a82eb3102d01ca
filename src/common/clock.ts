import { IsoDate } from '../engine/model.js';

/** Injected clock: business code never calls Date.now() directly, so tests can fix "today". */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const CLOCK = Symbol('CLOCK');

/** Calendar dates are Dutch dates: 00:30 on 1 January in Amsterdam is already the new year (and its limits). */
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function amsterdamDate(instant: Date): IsoDate {
  return AMSTERDAM_DATE.format(instant);
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => amsterdamDate(new Date()),
};
