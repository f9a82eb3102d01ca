import type { DataSource } from 'typeorm';
import type { Role } from '../auth/roles.js';
import type { RequestContext } from '../common/request-context.js';
import { householdMention } from '../engine/privacy/household-mention.js';
import { disclosurePlugin } from './disclosure.plugin.js';
import type { HouseholdDisclosure } from './household-disclosure.service.js';

/** The household table as the plugin reads it: H-000005 is id 5 (a stand-in for the database, no mocks). */
const HOUSEHOLDS = [{ id: 5, reference: 'H-000005' }];
const dataSource = {
  query: async (sql: string, [keys]: [unknown[]]) =>
    HOUSEHOLDS.filter((h) => (sql.includes('reference = ANY') ? keys.includes(h.reference) : keys.includes(h.id))),
} as unknown as DataSource;
const disclosure = { pseudonym: (id: number) => `PSN-${id}` } as unknown as HouseholdDisclosure;

/** An answer as the plugin sends it to a reader with `roles`, asking in `language` (Accept-Language). */
async function sent(roles: Role[], language: string | undefined, data: Record<string, string>, errors: string[] = []) {
  const result = { data: { ...data }, errors: errors.map((message) => ({ message })) };
  const hooks = await disclosurePlugin(dataSource, disclosure).requestDidStart!({} as never);
  const contextValue: RequestContext = {
    loaders: undefined as never,
    req: { actor: { subject: 'reader', roles }, headers: language ? { 'accept-language': language } : {} },
  };
  await hooks!.willSendResponse!({ response: { body: { kind: 'single', singleResult: result } }, contextValue } as never);
  return result;
}

describe("disclosure plugin: a household without its identity, in the reader's language", () => {
  const mentioned = { summary: `${householdMention(5)} is proposed`, unknown: `${householdMention(9)} is proposed` };
  it.each([
    // a manager sees no household: "a household" (English, the record's words) or "een huishouden"
    [['MANAGER'], undefined, 'a household is proposed'],
    [['MANAGER'], 'en-GB', 'a household is proposed'],
    [['MANAGER'], 'nl-NL,nl;q=0.9', 'een huishouden is proposed'],
    // auditors read pseudonyms, officers references, in any language
    [['AUDITOR'], 'nl', 'PSN-5 is proposed'],
    [['OFFICER'], 'nl', 'H-000005 is proposed'],
  ] as [Role[], string | undefined, string][])('%j asking %s', async (roles, language, expected) => {
    expect((await sent(roles, language, { summary: mentioned.summary })).data.summary).toBe(expected);
  });

  it.each([
    ['en', 'household 9 is proposed'],
    ['nl', 'huishouden 9 is proposed'],
  ])('an officer reads a household whose reference is unknown as its number, asking %s', async (language, expected) => {
    expect((await sent(['OFFICER'], language, { summary: mentioned.unknown })).data.summary).toBe(expected);
  });

  it.each([
    ['en', 'Override: a household needs a ground floor'],
    ['nl', 'Override: een huishouden needs a ground floor'],
  ])('a reference typed into free text, for a manager asking %s', async (language, expected) => {
    expect((await sent(['MANAGER'], language, { reason: 'Override: H-000005 needs a ground floor' })).data.reason).toBe(expected);
  });

  it("error messages are the service's English: their words for a household stay English", async () => {
    const answer = await sent(['MANAGER'], 'nl', { summary: mentioned.summary }, [`Offer 3 to ${householdMention(5)} is DECLINED`, 'H-000005 did not respond']);
    expect(answer.data.summary).toBe('een huishouden is proposed');
    expect(answer.errors.map((e) => e.message)).toEqual(['Offer 3 to a household is DECLINED', 'a household did not respond']);
  });
});
