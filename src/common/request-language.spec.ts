import { languageOf } from './request-language.js';

describe('languageOf: the language a reader asked for (Accept-Language)', () => {
  it.each<[string | undefined, 'en' | 'nl']>([
    [undefined, 'en'],
    ['', 'en'],
    ['nl', 'nl'],
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-GB,en;q=0.9,nl;q=0.8', 'en'],
    ['de-DE,nl;q=0.5,en;q=0.4', 'nl'],
    ['en;q=0.3, nl;q=0.7', 'nl'],
    ['nl;q=0, en', 'en'],
    ['fr', 'en'],
    ['NL-be', 'nl'],
  ])('%j -> %s', (header, expected) => {
    expect(languageOf({ headers: { 'accept-language': header } })).toBe(expected);
  });
  it('no request (a job): English', () => expect(languageOf(undefined)).toBe('en'));
});
