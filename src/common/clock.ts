import { IsoDate } from '../engine/model.js';

/** Injected clock: business code never calls Date.now() directly, so tests can fix "today". */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};
