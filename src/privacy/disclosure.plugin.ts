import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';
import { languageOf } from '../common/request-language.js';
import type { Language, Phrasebook } from '../engine/common/language.js';
import { audienceOf, Audience } from './audience.js';
import { deniedSelections } from './disclosure-policy.js';
import { HouseholdDisclosure } from './household-disclosure.service.js';
import { renderMentions } from '../engine/privacy/household-mention.js';
import { forEachString, mapStrings, discloseJsonForNonOperational, mentionsIn, referenceCandidates, replaceReferences } from './render-answer.js';

/**
 * Applies the disclosure rules to every GraphQL answer, whatever path produced it:
 * 1. before execution, an operation selecting a field its reader may not see is refused whole
 *    (403 FORBIDDEN with `deniedFields`), so nothing runs for it;
 * 2. before sending, every household mention is rendered for the reader (reference, pseudonym or
 *    "a household"), household ids in JSON become mentions first (auditors and managers), and as a
 *    last net operational references in free text (override and refusal reasons written by people)
 *    are replaced for readers who may not see them.
 * The words put in for a household follow the reader's language (Accept-Language) in the answer's
 * data; error messages are the service's English, and keep English words.
 */

/** What a household is called where its identity is not shown (and where its reference is unknown). */
const HOUSEHOLD_WORDS: Phrasebook<{ anonymous: string; numbered: (id: number) => string }> = {
  en: { anonymous: 'a household', numbered: (id) => `household ${id}` },
  nl: { anonymous: 'een huishouden', numbered: (id) => `huishouden ${id}` },
};

export function disclosurePlugin(dataSource: DataSource, disclosure: HouseholdDisclosure): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const actor = contextValue.req?.actor;
          if (!actor) return; // the guard refuses the operation itself
          const denied = deniedSelections(schema, document, audienceOf(actor));
          if (!denied.length) return;
          throw new GraphQLError(`Not for your role (${actor.roles.join(', ')}): ${denied.map((d) => `${d.coordinate} (${d.reason})`).join('; ')}`, {
            extensions: { code: 'FORBIDDEN', deniedFields: denied.map((d) => d.coordinate), http: { status: 403 } },
          });
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const actor = contextValue.req?.actor;
          const audience: Audience = actor ? audienceOf(actor) : 'AGGREGATE';
          const result = response.body.singleResult;
          await renderAnswer(dataSource, disclosure, audience, result, languageOf(contextValue.req));
        },
      };
    },
  };
}

async function renderAnswer(
  dataSource: DataSource,
  disclosure: HouseholdDisclosure,
  audience: Audience,
  result: { data?: unknown; errors?: readonly unknown[] },
  language: Language,
): Promise<void> {
  // a request refused before execution has no data key, and must not get one: its HTTP status (4xx) depends on that
  const hasData = 'data' in result;
  if (hasData && audience !== 'OPERATIONAL') result.data = mapStrings(result.data, discloseJsonForNonOperational);
  const ids = [...mentionsIn(result.data), ...mentionsIn(result.errors)];
  let references = new Map<number, string>();
  if (ids.length && audience === 'OPERATIONAL') {
    const rows: { id: number; reference: string }[] = await dataSource.query('SELECT id, reference FROM household WHERE id = ANY($1)', [ids]);
    references = new Map(rows.map((r) => [Number(r.id), r.reference]));
  }
  const render = (words: (typeof HOUSEHOLD_WORDS)[Language]) => (text: string) =>
    renderMentions(text, (kind, id) => {
      if (audience === 'OPERATIONAL') return kind === 'household-id' ? String(id) : (references.get(id) ?? words.numbered(id));
      return audience === 'PSEUDONYMOUS' ? disclosure.pseudonym(id) : words.anonymous;
    });
  if (ids.length) {
    if (hasData) result.data = mapStrings(result.data, render(HOUSEHOLD_WORDS[language]));
    for (const error of (result.errors ?? []) as { message: string }[]) error.message = render(HOUSEHOLD_WORDS.en)(error.message);
  }
  if (audience === 'OPERATIONAL') return;
  // the last net: references people typed into free text
  const words = new Set<string>();
  forEachString(result.data, (text) => referenceCandidates(text).forEach((w) => words.add(w)));
  for (const error of (result.errors ?? []) as { message: string }[]) referenceCandidates(error.message).forEach((w) => words.add(w));
  if (!words.size) return;
  const rows: { id: number; reference: string }[] = await dataSource.query('SELECT id, reference FROM household WHERE reference = ANY($1)', [[...words]]);
  if (!rows.length) return;
  const replacement = (words: (typeof HOUSEHOLD_WORDS)[Language]) =>
    new Map(rows.map((r) => [r.reference, audience === 'PSEUDONYMOUS' ? disclosure.pseudonym(Number(r.id)) : words.anonymous]));
  if (hasData) {
    const inData = replacement(HOUSEHOLD_WORDS[language]);
    result.data = mapStrings(result.data, (text) => replaceReferences(text, inData));
  }
  const inErrors = replacement(HOUSEHOLD_WORDS.en);
  for (const error of (result.errors ?? []) as { message: string }[]) error.message = replaceReferences(error.message, inErrors);
}
