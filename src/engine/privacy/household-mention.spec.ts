import { containsMention, householdIdMention, householdMention, mentionedIds, renderMentions } from './household-mention.js';

describe('household mentions', () => {
  const render = (kind: string, id: number) => (kind === 'household' ? `H-${id}` : `#${id}`);

  it.each([
    ['no mention', 'Vacancy V-1 has no candidates.', 'Vacancy V-1 has no candidates.', []],
    ['one mention', `${householdMention(7)} is proposed.`, 'H-7 is proposed.', [7]],
    ['two kinds, repeated', `${householdMention(7)} (${householdIdMention(7)}) over ${householdMention(12)}`, 'H-7 (#7) over H-12', [7, 12]],
    ['inside JSON', JSON.stringify({ householdReference: householdMention(3) }), '{"householdReference":"H-3"}', [3]],
    ['look-alike text is left alone', '⟦household:abc⟧ and ⟦other:1⟧', '⟦household:abc⟧ and ⟦other:1⟧', []],
  ])('%s', (_name, text, rendered, ids) => {
    expect(renderMentions(text, render)).toBe(rendered);
    expect(mentionedIds(text)).toEqual(ids);
  });

  it('says whether a text may hold a mention', () => {
    expect(containsMention(householdMention(1))).toBe(true);
    expect(containsMention('H-000001')).toBe(false);
  });
});
