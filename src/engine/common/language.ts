/**
 * The languages the engine writes its sentences in. English is the record's language (audit trail,
 * stored plans, replays): its sentences never change with a reader. Dutch is for the people who read
 * them (issue 15: the allocation staff and the households they explain a verdict to), written on
 * request from the same facts (e.g. eligibility rules, src/engine/eligibility/rules/).
 */
export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A sentence-maker per language with the same parameters: `Phrasebook<{ above: (limit: string) => string }>`. */
export type Phrasebook<T> = Readonly<Record<Language, T>>;
