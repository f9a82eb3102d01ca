import { SeededRandom } from '../engine/common/seeded-random.js';

/** A household's answer to an offer in the demo's letting history (the shape LettingReplayService plays). */
export type DemoAnswer = { accept: true } | { accept: false; refusalReasonCode: string; reason: string };

/**
 * Demo modelling, not measured: about one offer in four is refused, for the reasons of the letting
 * policy's starting set (migrations/1764000000016; justified: MEDICAL, NOT_SUITABLE, PERSONAL_CHANGE).
 */
export const DEMO_REFUSAL_CHANCE = 0.25;
const REFUSALS: readonly [code: string, weight: number, reason: string][] = [
  ['LOCATION', 30, 'Wil niet in deze buurt wonen'],
  ['DWELLING_TYPE', 25, 'Indeling past niet bij het gezin'],
  ['PERSONAL_CHANGE', 15, 'Gaat samenwonen, zoekt niet meer'],
  ['MEDICAL', 10, 'Trap niet te doen volgens huisarts'],
  ['NOT_SUITABLE', 10, 'Vocht in de slaapkamer bij bezichtiging'],
  ['NO_RESPONSE', 10, 'Niet gereageerd op de uitnodiging'],
];
/** After this many refusals of one vacancy the next candidate accepts (the demo's history stays short). */
const MAX_REFUSALS_PER_VACANCY = 2;

/**
 * Answers for the demo's letting history, drawn from `rng` in the order offers are made (so the same
 * seed gives the same history). The choosy applicant refuses every offer for the location: its third
 * unjustified refusal within a year brings the letting policy's block (src/engine/letting/sanctions.ts).
 */
export function demoAnswers(rng: SeededRandom, choosyApplicant: string | null) {
  return (offer: { householdReference: string; attempt: number }): DemoAnswer => {
    if (offer.householdReference === choosyApplicant) return { accept: false, refusalReasonCode: 'LOCATION', reason: 'Wil toch liever in het centrum wonen' };
    if (offer.attempt >= MAX_REFUSALS_PER_VACANCY || !rng.bool(DEMO_REFUSAL_CHANCE)) return { accept: true };
    const [code, , reason] = REFUSALS[rng.weightedIndex(REFUSALS.map(([, weight]) => weight))];
    return { accept: false, refusalReasonCode: code, reason };
  };
}
